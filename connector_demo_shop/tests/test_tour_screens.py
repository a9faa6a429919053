# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourScreens(HttpCase):
    """The screens a person opens after the imports, in a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_screens_manager",
            groups="base.group_user,connector.group_connector_manager,"
            "queue_job.group_queue_job_manager,sales_team.group_sale_manager",
        )
        if "odoobot_state" in cls.manager._fields:
            # mail_bot's greeting on a first login would open Discuss mid-tour
            cls.manager.odoobot_state = "disabled"
        # no shop needed: nothing in the tours calls it
        cls.backend = cls.env["demo.shop.backend"].create(
            {"name": "Screens Shop", "url": "http://127.0.0.1:9"}
        )
        quiet = {"connector_no_export": True}
        cls.customer = (
            cls.env["demo.shop.res.partner"]
            .with_context(**quiet)
            .create(
                {
                    "name": "Screens Customer",
                    "backend_id": cls.backend.id,
                    "external_id": "4242",
                }
            )
        )
        cls.order = (
            cls.env["demo.shop.sale.order"]
            .with_context(**quiet)
            .create(
                {
                    "partner_id": cls.customer.odoo_id.id,
                    "backend_id": cls.backend.id,
                    "external_id": "4343",
                }
            )
        )
        model = cls.env["demo.shop.res.partner"]
        Job = cls.env["queue.job"]
        done = model.with_delay().import_record(cls.backend, "1")
        Job.search([("uuid", "=", done.uuid)]).write(
            {"state": "done", "date_done": fields.Datetime.now()}
        )
        failed = model.with_delay().import_record(cls.backend, "2")
        Job.search([("uuid", "=", failed.uuid)]).state = "failed"
        pending = model.with_delay().import_record(cls.backend, "3")
        # queue_job forbids writing the creation date through the ORM
        two_hours_ago = fields.Datetime.now() - timedelta(hours=2)
        cls.env.cr.execute(
            "UPDATE queue_job SET date_created = %s WHERE uuid = %s",
            (two_hours_ago, pending.uuid),
        )
        Job.invalidate_model(["date_created"])
        cls.env["connector.webhook.delivery"].create(
            {
                "backend_id": f"{cls.backend._name},{cls.backend.id}",
                "topic": "customer.updated",
                "delivery_id": "screens-delivery-1",
                "state": "done",
                "job_uuid": done.uuid,
            }
        )

    def test_screens_tour(self):
        """Jobs menu, menu spelling, delivery-to-job link, oldest pending age."""
        self.start_tour(
            "/odoo", "connector_demo_shop_screens", login=self.manager.login
        )

    def test_partner_bindings_readonly_tour(self):
        """The partner's Connectors tab lists its bindings read-only."""
        self.start_tour(
            f"/odoo/res.partner/{self.customer.odoo_id.id}",
            "connector_demo_shop_bindings_readonly",
            login=self.manager.login,
        )

    def test_order_bindings_readonly_tour(self):
        """The order's Demo Shop tab lists its bindings read-only."""
        self.start_tour(
            f"/odoo/sale.order/{self.order.odoo_id.id}",
            "connector_demo_shop_order_bindings_readonly",
            login=self.manager.login,
        )
