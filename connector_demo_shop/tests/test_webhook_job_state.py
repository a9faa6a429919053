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
