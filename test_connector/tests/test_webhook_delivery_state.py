# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A webhook delivery follows the state of the job that processes it."""

import json
from types import SimpleNamespace

from odoo.addons.component.tests.common import TransactionComponentCase
from odoo.addons.connector.controllers.webhook import WebhookReceiver
from odoo.addons.queue_job.job import Job


class TestWebhookDeliveryState(TransactionComponentCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {"name": "Delivery State", "webhook_secret": "state-secret"}
        )

    def _receive(self, delivery_id):
        receiver = WebhookReceiver(SimpleNamespace(env=self.env), "test.backend")
        body = json.dumps({"id": 7}).encode()
        response = receiver._record(self.backend, delivery_id, "customer.updated", body)
        self.assertEqual(response.status_code, 200)
        delivery = self.env["connector.webhook.delivery"].search(
            [("delivery_id", "=", delivery_id)]
        )
        self.assertEqual(delivery.state, "queued")
        return delivery, Job.load(self.env, delivery.job_uuid)

    def test_done(self):
        """The job done marks its delivery done."""
        delivery, job = self._receive("state-1")
        job.set_started()
        job.store()
        self.assertEqual(delivery.state, "queued")
        job.set_done(result="imported")
        job.store()
        self.assertRecordValues(delivery, [{"state": "done", "error": False}])

    def test_failed_then_requeued(self):
        """A failed job gives its error to the delivery; a requeue resets it."""
        delivery, job = self._receive("state-2")
        job.set_failed(exc_name="ValueError", exc_message="remote said no")
        job.store()
        self.assertRecordValues(
            delivery, [{"state": "failed", "error": "remote said no"}]
        )
        self.env["queue.job"].search([("uuid", "=", job.uuid)]).requeue()
        self.assertRecordValues(delivery, [{"state": "queued", "error": False}])

    def test_other_jobs_leave_deliveries_alone(self):
        """A job that processes no delivery changes no delivery."""
        delivery, __ = self._receive("state-3")
        other = (
            self.env["connector.test.binding"]
            .with_delay()
            .import_record(self.backend, "99")
        )
        other.set_done(result="x")
        other.store()
        self.assertEqual(delivery.state, "queued")
