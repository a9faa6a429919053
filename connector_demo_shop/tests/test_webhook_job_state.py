# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import json
from types import SimpleNamespace

from odoo.addons.connector.controllers.webhook import WebhookReceiver
from odoo.addons.queue_job.job import Job

from .common import DemoShopCase


class TestWebhookJobState(DemoShopCase):
    reset_shop_each_test = False

    def setUp(self):
        super().setUp()
        self.backend.webhook_secret = "job-state-secret"
        self.customer = self.shop_get("/customers", orderby="id", per_page=1)[0]

    def _receive(self, delivery_id):
        """Record a delivery of the first customer as the route does."""
        receiver = WebhookReceiver(SimpleNamespace(env=self.env), "demo.shop.backend")
        # one body per delivery: a body received again is a duplicate
        body = json.dumps({"id": self.customer["id"], "n": delivery_id}).encode()
        response = receiver._record(self.backend, delivery_id, "customer.updated", body)
        self.assertEqual(response.status_code, 200)
        delivery = self.env["connector.webhook.delivery"].search(
            [("delivery_id", "=", delivery_id)]
        )
        self.assertEqual(delivery.state, "queued")
        return delivery, Job.load(self.env, delivery.job_uuid)

    def test_done_job_marks_delivery_done(self):
        """Running the delivery's job as the runner does marks the delivery done."""
        delivery, job = self._receive("state-done")
        job.set_started()
        job.store()
        self.assertEqual(delivery.state, "queued")
        # the job's body (job.perform() would lose the test's component registry)
        self.assertEqual(job.args[1], str(self.customer["id"]))
        job.set_done(result=self.import_record(job.model_name, job.args[1]))
        job.store()
        self.assertRecordValues(delivery, [{"state": "done", "error": False}])
        binding = self.binding("demo.shop.res.partner", self.customer["id"])
        self.assertEqual(binding.email, self.customer["email"])

    def test_failed_job_marks_delivery_failed_then_requeued(self):
        """A failed job marks its delivery failed with its error; requeue resets it."""
        delivery, job = self._receive("state-failed")
        job.set_failed(
            exc_name="DemoShopAPIError",
            exc_message="Shop answered 400 (rest_invalid_param).",
            exc_info="Traceback...",
        )
        job.store()
        self.assertRecordValues(
            delivery,
            [{"state": "failed", "error": "Shop answered 400 (rest_invalid_param)."}],
        )
        job.db_record().requeue()
        self.assertRecordValues(delivery, [{"state": "queued", "error": False}])

    def test_other_jobs_leave_deliveries_alone(self):
        """A job without delivery changes no delivery when it is done."""
        delivery, __ = self._receive("state-untouched")
        other = (
            self.env["demo.shop.res.partner"]
            .with_delay()
            .import_record(self.backend, str(self.customer["id"]))
        )
        other.set_done(result="ok")
        other.store()
        self.assertEqual(delivery.state, "queued")

    def test_burst_of_deliveries_shares_the_pending_job(self):
        """Deliveries of one record while its job waits join that job; all
        follow it to done."""
        first, job = self._receive("burst-1")
        second, same_job = self._receive("burst-2")
        self.assertEqual(same_job.uuid, job.uuid)
        self.assertEqual(
            self.env["queue.job"].search_count([("uuid", "=", job.uuid)]), 1
        )
        job.set_done(result="imported")
        job.store()
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
