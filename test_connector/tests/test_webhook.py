# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Webhook deliveries through real HTTP: signature, replay, size, concurrency."""

import base64
import hashlib
import hmac
import json
import threading

import requests

from odoo.tests import HttpCase, tagged

SECRET = "s3cr3t-webhook-key"


@tagged("post_install", "-at_install")
class TestWebhook(HttpCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {"name": "Webhooks", "webhook_secret": SECRET}
        )
        self.url = f"/test_connector/webhook/{self.backend.id}"
        self.ref = f"test.backend,{self.backend.id}"

    def _sign(self, body, secret=SECRET):
        digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
        return base64.b64encode(digest).decode()

    def _post(self, body, delivery="d-1", signature=None, url=None, session=None):
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": "customer.updated",
        }
        if delivery:
            headers["X-WC-Webhook-Delivery-ID"] = delivery
        if signature is not False:
            headers["X-WC-Webhook-Signature"] = signature or self._sign(body)
        if session:
            return session.post(
                self.base_url() + self.url, data=body, headers=headers, timeout=30
            )
        return self.url_open(url or self.url, data=body, headers=headers)

    def _deliveries(self):
        return self.env["connector.webhook.delivery"].search(
            [("backend_id", "=", self.ref)]
        )

    def _jobs(self):
        return self.env["queue.job"].search(
            [
                ("connector_backend_ref", "=", self.ref),
                ("method_name", "=", "import_record"),
            ]
        )

    def test_good_signature(self):
        """A signed delivery is logged, queued as an import job, answered 200."""
        body = json.dumps({"id": 42, "email": "a@example.com"}).encode()
        response = self._post(body)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "queued"})
        delivery = self._deliveries()
        self.assertEqual(len(delivery), 1)
        self.assertRecordValues(
            delivery,
            [
                {
                    "delivery_id": "d-1",
                    "topic": "customer.updated",
                    "state": "queued",
                    "payload_size": len(body),
                }
            ],
        )
        job = self._jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(delivery.job_uuid, job.uuid)
        self.assertEqual(job.args[1], "42")
        self.assertEqual(job.state, "pending")

    def test_bad_signature(self):
        """A wrong signature is refused with 401, logging nothing secret."""
        body = b'{"id": 1}'
        bad = self._sign(body, secret="not-the-secret")
        with self.assertLogs(
            "odoo.addons.connector.controllers.webhook", "WARNING"
        ) as logs:
            response = self._post(body, signature=bad)
        self.assertEqual(response.status_code, 401)
        output = "\n".join(logs.output)
        self.assertIn("d-1", output)
        for secret in (SECRET, bad, self._sign(body), '{"id": 1}'):
            self.assertNotIn(secret, output)
        self.assertFalse(self._deliveries())
        self.assertFalse(self._jobs())

    def test_missing_signature(self):
        """A delivery without signature is refused with 401."""
        with self.assertLogs("odoo.addons.connector.controllers.webhook", "WARNING"):
            response = self._post(b'{"id": 1}', signature=False)
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self._deliveries())

    def test_backend_without_secret(self):
        """A backend without secret refuses every delivery."""
        self.backend.webhook_secret = False
        with self.assertLogs("odoo.addons.connector.controllers.webhook", "WARNING"):
            response = self._post(b'{"id": 1}', signature=self._sign(b'{"id": 1}', ""))
        self.assertEqual(response.status_code, 401)

    def test_replayed_delivery(self):
        """A delivery id already received answers "duplicate" and enqueues nothing."""
        body = b'{"id": 7}'
        self.assertEqual(self._post(body, delivery="same").json(), {"status": "queued"})
        response = self._post(body, delivery="same")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "duplicate"})
        self.assertEqual(len(self._deliveries()), 1)
        self.assertEqual(len(self._jobs()), 1)

    def test_oversized_body(self):
        """A body over the size limit is refused with 413 before any check."""
        body = json.dumps({"id": 1, "blob": "x" * 5000}).encode()
        response = self._post(body)
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self._deliveries())

    def test_not_json(self):
        """A signed body that is not JSON is logged as rejected, answered 400."""
        response = self._post(b"not json", delivery="d-bad")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._deliveries().state, "rejected")
        self.assertFalse(self._jobs())

    def test_payload_rejected_by_backend(self):
        """A signed payload the backend refuses is answered 400 with its error."""
        response = self._post(b"[1, 2]", delivery="d-list")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json(),
            {"status": "rejected", "error": "The payload is not a JSON object."},
        )
        self.assertRecordValues(
            self._deliveries(),
            [{"state": "rejected", "error": "The payload is not a JSON object."}],
        )
        self.assertFalse(self._jobs())

    def test_unknown_backend(self):
        """A delivery for a backend that does not exist answers 404."""
        response = self._post(b"{}", url="/test_connector/webhook/999999999")
        self.assertEqual(response.status_code, 404)

    def test_concurrent_same_delivery(self):
        """Two simultaneous deliveries of one id give one delivery and one job."""
        body = b'{"id": 9}'
        statuses = []
        barrier = threading.Barrier(2)

        def deliver():
            # a session per thread, carrying the cookie of the test requests
            session = requests.Session()
            session.cookies.update(self.opener.cookies)
            barrier.wait()
            try:
                response = self._post(body, delivery="twice", session=session)
                statuses.append(response.json()["status"])
            except Exception as err:  # noqa: BLE001 (shown by the assertion)
                statuses.append(repr(err))

        threads = [threading.Thread(target=deliver) for __ in range(2)]
        # lets the server handle requests while this thread waits
        with self.allow_requests():
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(sorted(statuses), ["duplicate", "queued"])
        self.assertEqual(len(self._deliveries()), 1)
        self.assertEqual(len(self._jobs()), 1)
