# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import hmac
import json

from odoo.tests import HttpCase, tagged

SECRET = "tutorial-webhook-secret"


# [test-webhook]
@tagged("post_install", "-at_install")
class TestWebhook(HttpCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["address.book.backend"].create(
            {
                "name": "Webhooks",
                "location": "http://127.0.0.1:9",
                "webhook_secret": SECRET,
            }
        )
        self.url = f"/connector_address_book/webhook/{self.backend.id}"

    def _post(self, payload, secret=SECRET, delivery="d-1"):
        body = json.dumps(payload).encode()
        digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
        headers = {
            "Content-Type": "application/json",
            "X-Address-Book-Signature": base64.b64encode(digest).decode(),
            "X-Address-Book-Delivery": delivery,
            "X-Address-Book-Topic": "contact.updated",
        }
        return self.url_open(self.url, data=body, headers=headers)

    def _import_jobs(self):
        return self.env["queue.job"].search(
            [
                ("model_name", "=", "address.book.res.partner"),
                ("method_name", "=", "import_record"),
            ]
        )

    def test_signed_delivery_enqueues_the_import(self):
        """A signed delivery is answered 200 and enqueues import_record."""
        response = self._post({"id": 7})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "queued"})
        job = self._import_jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(job.args, [self.backend, "7"])

    def test_bad_signature_is_refused(self):
        """A delivery signed with another secret is refused, nothing enqueued."""
        response = self._post({"id": 7}, secret="not-the-secret")
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self._import_jobs())

    def test_same_delivery_twice_is_one_job(self):
        """A delivery sent again is acknowledged once."""
        self._post({"id": 7})
        response = self._post({"id": 7})
        self.assertEqual(response.json(), {"status": "duplicate"})
        self.assertEqual(len(self._import_jobs()), 1)


# [/test-webhook]
