# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Deliveries the demo shop's route must not act on: archived backend,
webhooks switched off, a body replayed under another topic, a flood."""

import base64
import hashlib
import hmac
import json

from odoo.tests import HttpCase, tagged

SECRET = "whsec-hardening-3e1"


@tagged("post_install", "-at_install")
class TestWebhookHardening(HttpCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["demo.shop.backend"].create(
            {
                "name": "Hardened Shop",
                "url": "http://127.0.0.1:9",
                "webhook_secret": SECRET,
            }
        )
        self.url = f"/connector_demo_shop/webhook/{self.backend.id}"
        self.ref = f"demo.shop.backend,{self.backend.id}"

    def _post(self, payload, topic="customer.updated", delivery="d-1"):
        body = json.dumps(payload).encode()
        signature = base64.b64encode(
            hmac.new(SECRET.encode(), body, hashlib.sha256).digest()
        ).decode()
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": delivery,
            "X-WC-Webhook-Signature": signature,
        }
        return self.url_open(self.url, data=body, headers=headers)

    def _deliveries(self):
        return self.env["connector.webhook.delivery"].search(
            [("backend_id", "=", self.ref)]
        )

    def _jobs(self):
        return self.env["queue.job"].search([("connector_backend_ref", "=", self.ref)])

    def test_archived_backend_gone(self):
        """A signed delivery to an archived backend: 410, nothing recorded or run."""
        self.backend.active = False
        response = self._post({"id": 12, "email": "a@example.com"})
        self.assertEqual(response.status_code, 410)
        self.assertFalse(self._deliveries())
        self.assertFalse(self._jobs())

    def test_webhooks_switched_off(self):
        self.backend.webhook_enabled = False
        response = self._post({"id": 12})
        self.assertEqual(response.status_code, 410)
        self.assertFalse(self._deliveries())
        self.assertFalse(self._jobs())
        self.backend.webhook_enabled = True
        self.assertEqual(self._post({"id": 12}).json(), {"status": "queued"})

    def test_topic_must_match_payload(self):
        """A customer's body replayed as an order topic is rejected."""
        customer = {"id": 12, "username": "ann", "role": "customer", "email": "a@x.org"}
        response = self._post(customer, topic="order.updated", delivery="swap")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["status"], "rejected")
        self.assertIn("username", response.json()["error"])
        self.assertEqual(self._deliveries().state, "rejected")
        self.assertFalse(self._jobs())
        order = {"id": 12, "order_key": "wc_order_x", "line_items": []}
        self.assertEqual(
            self._post(order, topic="order.updated", delivery="order").json(),
            {"status": "queued"},
        )

    def test_deliveries_of_one_record_bounded(self):
        """Past the limit of deliveries per record and window, no more jobs."""
        limit, __ = self.backend._webhook_record_limit()
        for number in range(limit):
            payload = {"id": 12, "email": f"ann{number}@example.com"}
            response = self._post(payload, delivery=f"flood-{number}")
            self.assertEqual(response.json(), {"status": "queued"})
            # the runner took the job: the next delivery cannot join it
            self._jobs().filtered(lambda job: job.state == "pending").write(
                {"state": "started"}
            )
        jobs = len(self._jobs())
        response = self._post({"id": 12, "email": "over@example.com"}, delivery="over")
        self.assertEqual(response.json(), {"status": "throttled"})
        self.assertEqual(len(self._jobs()), jobs)
        over = self._deliveries().filtered(lambda d: d.delivery_id == "over")
        self.assertEqual(over.state, "rejected")
        self.assertIn("Throttled", over.error)
        # another record is not held back
        response = self._post({"id": 13}, delivery="other-record")
        self.assertEqual(response.json(), {"status": "queued"})
