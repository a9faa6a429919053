# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourSyncHealth(HttpCase):
    def test_sync_health_tour(self):
        """A manager opens a backend's failed and pending jobs from smart buttons."""
        manager = new_test_user(
            self.env,
            login="sync_health_manager",
            groups="base.group_user,connector.group_connector_manager,"
            "queue_job.group_queue_job_manager",
        )
        if "odoobot_state" in manager._fields:
            # mail_bot's greeting on a first login would open Discuss mid-tour
            manager.odoobot_state = "disabled"
        backend = self.env["test.backend"].create({"name": "Tour Backend"})
        other = self.env["test.backend"].create({"name": "Other Backend"})
        for external_id in ("T1", "T2"):
            self.env["connector.test.binding"].create(
                {
                    "name": external_id,
                    "backend_id": backend.id,
                    "external_id": external_id,
                }
            )
        failed = backend.with_delay().remote_call("boom")
        self.env["queue.job"].search([("uuid", "=", failed.uuid)]).state = "failed"
        backend.with_delay().remote_call("later")
        other.with_delay().remote_call("boom")
        self.start_tour(
            f"/odoo/action-test_connector.action_test_backend/{backend.id}",
            "connector_sync_health",
            login=manager.login,
        )

    def test_sync_health_views_tour(self):
        """The Sync Health screen shows the jobs of backends as a graph and a list."""
        backend = self.env["test.backend"].create({"name": "Graph Backend"})
        failed = backend.with_delay().remote_call("boom")
        self.env["queue.job"].search([("uuid", "=", failed.uuid)]).state = "failed"
        self.start_tour(
            "/odoo/action-connector.action_connector_sync_health",
            "connector_sync_health_views",
            login="admin",
        )

    def test_webhook_deliveries_tour(self):
        """Connector managers read the webhook deliveries from their menu."""
        manager = new_test_user(
            self.env,
            login="webhook_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        if "odoobot_state" in manager._fields:
            manager.odoobot_state = "disabled"
        backend = self.env["test.backend"].create({"name": "Webhook Backend"})
        self.env["connector.webhook.delivery"].create(
            {
                "backend_id": f"test.backend,{backend.id}",
                "delivery_id": "tour-delivery-1",
                "topic": "customer.created",
                "state": "queued",
            }
        )
        self.start_tour(
            "/odoo/action-connector.action_connector_webhook_delivery",
            "connector_webhook_deliveries",
            login=manager.login,
        )
