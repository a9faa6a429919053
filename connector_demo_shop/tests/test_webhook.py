# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The shop's webhook deliveries through real HTTP on the addon's route.

Signatures, replays, bodies that are not JSON or too large, unknown backends
and the ping are the connector's (test_connector/tests/test_webhook.py,
test_webhook_ping.py); here: what is the shop's.
"""

import base64
import hashlib
import hmac
import json
import logging
from contextlib import contextmanager

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

SECRET = "whsec-demo-shop-7f3a9c"


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@contextmanager
def capture_logs():
    """Every line logged meanwhile (by any thread) that reaches the root logger."""
    handler = _Capture()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)


@tagged("post_install", "-at_install")
class TestWebhook(HttpCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["demo.shop.backend"].create(
            {
                "name": "Webhook Shop",
                "url": "http://127.0.0.1:9",
                "webhook_secret": SECRET,
            }
        )
        self.url = f"/connector_demo_shop/webhook/{self.backend.id}"
        self.ref = f"demo.shop.backend,{self.backend.id}"

    def _sign(self, body, secret=SECRET):
        digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
        return base64.b64encode(digest).decode()

    def _post(
        self,
        payload,
        topic="customer.updated",
        delivery="d-1",
        signature=None,
        url=None,
    ):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": delivery,
        }
        if signature is not False:
            headers["X-WC-Webhook-Signature"] = signature or self._sign(body)
        return self.url_open(url or self.url, data=body, headers=headers)

    def _deliveries(self):
        return self.env["connector.webhook.delivery"].search(
            [("backend_id", "=", self.ref)]
        )

    def _jobs(self):
        return self.env["queue.job"].search(
            [("connector_backend_ref", "=", self.ref)], order="id"
        )

    def test_good_signature_enqueues_import(self):
        """A signed customer.updated is logged and queued as one import_record job."""
        with capture_logs() as lines:
            response = self._post({"id": 12, "email": "ann@example.com"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "queued"})
        job = self._jobs()
        self.assertEqual(len(job), 1)
        self.assertRecordValues(
            job,
            [
                {
                    "model_name": "demo.shop.res.partner",
                    "method_name": "import_record",
                    "state": "pending",
                }
            ],
        )
        self.assertEqual(job.args, [self.backend, "12"])
        self.assertIn("customer.updated", job.name)
        self.assertIn("12", job.name)
        self.assertRecordValues(
            self._deliveries(),
            [
                {
                    "delivery_id": "d-1",
                    "topic": "customer.updated",
                    "state": "queued",
                    "job_uuid": job.uuid,
                }
            ],
        )
        output = "\n".join(lines)
        self.assertIn("Webhook delivery d-1 (customer.updated)", output)
        self.assertNotIn(SECRET, output)
        self.assertNotIn(self._sign(b'{"id": 12, "email": "ann@example.com"}'), output)

    def test_topics_pick_binding_model(self):
        """Each resource's topics (deleted too) import with its binding model."""
        cases = [
            ("customer.created", "demo.shop.res.partner"),
            ("customer.deleted", "demo.shop.res.partner"),
            ("product.updated", "demo.shop.product.product"),
            ("product.deleted", "demo.shop.product.product"),
            ("order.created", "demo.shop.sale.order"),
            ("order.deleted", "demo.shop.sale.order"),
        ]
        for index, (topic, model_name) in enumerate(cases):
            with self.subTest(topic=topic):
                response = self._post({"id": 100 + index}, topic, f"t-{index}")
                self.assertEqual(response.status_code, 200)
                job = self._jobs()[-1]
                self.assertEqual(job.model_name, model_name)
                self.assertEqual(job.args[1], str(100 + index))
        self.assertEqual(len(self._jobs()), len(cases))

    def test_unusable_payloads_rejected(self):
        """A list, a missing or non-integer id, an unknown topic: 400, no job."""
        cases = [
            ([{"id": 12}], "customer.updated", "not a JSON object"),
            ({"email": "x@example.com"}, "customer.updated", 'integer "id"'),
            ({"id": "1; DROP TABLE res_partner"}, "product.updated", 'integer "id"'),
            ({"id": True}, "order.updated", 'integer "id"'),
            ({"id": -4}, "order.updated", 'integer "id"'),
            ({"id": 12}, "coupon.created", "Unknown webhook topic"),
            ({"id": 12}, "customer.exploded", "Unknown webhook topic"),
        ]
        for index, (payload, topic, message) in enumerate(cases):
            with self.subTest(payload=payload, topic=topic):
                delivery_id = f"bad-{index}"
                response = self._post(payload, topic, delivery_id)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["status"], "rejected")
                self.assertIn(message, response.json()["error"])
                delivery = self._deliveries().filtered(
                    lambda d, delivery_id=delivery_id: d.delivery_id == delivery_id
                )
                self.assertEqual(delivery.state, "rejected")
                self.assertIn(message, delivery.error)
        self.assertFalse(self._jobs())

    def test_webhook_url(self):
        """The webhook URL is Odoo's base URL followed by this backend's route."""
        self.assertEqual(self.backend.webhook_url, self.base_url() + self.url)

    def test_secret_hidden_from_internal_user(self):
        """An internal user cannot read the webhook secret."""
        user = new_test_user(self.env, login="hook_reader", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.backend.with_user(user).read(["webhook_secret"])
