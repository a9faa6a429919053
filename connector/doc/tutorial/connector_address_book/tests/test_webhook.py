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

    def _post(self, payload, secret=SECRET, delivery="d-1", topic="contact.updated"):
        body = json.dumps(payload).encode()
        digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
        headers = {
            "Content-Type": "application/json",
            "X-Address-Book-Signature": base64.b64encode(digest).decode(),
            "X-Address-Book-Delivery": delivery,
            "X-Address-Book-Topic": topic,
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

    def test_replayed_body_with_a_new_id_is_a_duplicate(self):
        """Only the body is signed: the same body sent again with another
        delivery id, within the replay window, is a duplicate."""
        self._post({"id": 7}, delivery="d-1")
        response = self._post({"id": 7}, delivery="d-2")
        self.assertEqual(response.json(), {"status": "duplicate"})
        self.assertEqual(len(self._import_jobs()), 1)

    def test_archived_backend_answers_gone(self):
        """An archived backend accepts no webhook: 410, nothing enqueued."""
        self.backend.active = False
        response = self._post({"id": 7})
        self.assertEqual(response.status_code, 410)
        self.assertFalse(self._import_jobs())

    def test_one_contact_is_bounded(self):
        """Deliveries about one contact beyond the backend's bound within
        its window are throttled: no job for them."""
        count, _seconds = self.backend._webhook_record_limit()
        for n in range(count + 1):
            response = self._post({"id": 7, "n": n}, delivery=f"d-{n}")
        self.assertEqual(response.json(), {"status": "throttled"})
        self.assertEqual(len(self._import_jobs()), count)


# [/test-webhook]
