# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Deliveries follow a cancelled job, and are purged after their retention."""

import json
from types import SimpleNamespace

from odoo.tests import TransactionCase

from odoo.addons.connector.controllers.webhook import WebhookReceiver
from odoo.addons.queue_job.job import Job


class TestWebhookDeliveryLifecycle(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {"name": "Lifecycle", "webhook_secret": "lifecycle"}
        )
        self.deliveries = self.env["connector.webhook.delivery"]

    def _receive(self, delivery_id):
        receiver = WebhookReceiver(SimpleNamespace(env=self.env), "test.backend")
        body = json.dumps({"id": 7, "delivery": delivery_id}).encode()
        response = receiver._record(self.backend, delivery_id, "customer.updated", body)
        self.assertEqual(response.status_code, 200)
        return self.deliveries.search([("delivery_id", "=", delivery_id)])

    def test_cancelled_job_cancels_delivery(self):
        delivery = self._receive("to-cancel")
        job = Job.load(self.env, delivery.job_uuid)
        job.set_cancelled(result="cancelled by hand")
        job.store()
        self.assertEqual(delivery.state, "cancelled")
        # requeued: queued again
        job.set_pending(reset_retry=True)
        job.store()
        self.assertRecordValues(delivery, [{"state": "queued", "error": False}])

    def test_cancel_button_cancels_delivery(self):
        delivery = self._receive("button")
        self.env["queue.job"].search(
            [("uuid", "=", delivery.job_uuid)]
        ).button_cancelled()
        self.assertEqual(delivery.state, "cancelled")

    def _age(self, delivery, days):
        self.env.cr.execute(
            "UPDATE connector_webhook_delivery SET received_at ="
            " (now() at time zone 'UTC') - make_interval(days => %s) WHERE id = %s",
            (days, delivery.id),
        )
        delivery.invalidate_recordset()

    def test_purge_default_retention(self):
        old, recent = self._receive("old"), self._receive("recent")
        self._age(old, 31)
        self._age(recent, 29)
        self.assertEqual(self.deliveries._purge_old_deliveries(), 1)
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())

    def test_purge_configured_retention(self):
        self.env["ir.config_parameter"].set_param(
            "connector.webhook_delivery_retention_days", "3"
        )
        delivery = self._receive("three-days")
        self._age(delivery, 4)
        self.deliveries._purge_old_deliveries()
        self.assertFalse(delivery.exists())

    def test_purge_cron_declared(self):
        cron = self.env.ref("connector.ir_cron_purge_webhook_deliveries")
        self.assertTrue(cron.active)
        self.assertEqual(cron.code.strip(), "model._purge_old_deliveries()")
