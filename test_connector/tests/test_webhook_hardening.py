# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Webhook deliveries that are too big, empty, or captured and sent again."""

import base64
import hashlib
import hmac
import json
import select
import socket

from odoo.tests import HttpCase, tagged

SECRET = "hardening-secret"
MIB = 1024 * 1024


@tagged("post_install", "-at_install")
class TestWebhookHardening(HttpCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {"name": "Hardening", "webhook_secret": SECRET}
        )
        self.url = f"/test_connector/webhook/{self.backend.id}"
        self.ref = f"test.backend,{self.backend.id}"

    def _sign(self, body):
        digest = hmac.new(SECRET.encode(), body, hashlib.sha256).digest()
        return base64.b64encode(digest).decode()

    def _post(self, body, delivery, topic="customer.updated"):
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": delivery,
            "X-WC-Webhook-Signature": self._sign(body),
        }
        return self.url_open(self.url, data=body, headers=headers, method="POST")

    def _deliveries(self):
        return self.env["connector.webhook.delivery"].search(
            [("backend_id", "=", self.ref)]
        )

    def _send_chunked(self, total, chunk_size=64 * 1024):
        """POST ``total`` bytes chunked (no Content-Length) over a raw socket;
        return (status line, bytes sent before the answer came)."""
        with self.allow_requests():
            # the test server serves only requests carrying the test's key
            cookie = f"test_request_key={self.http_request_key}"
            return self._send_chunked_raw(total, chunk_size, cookie)

    def _send_chunked_raw(self, total, chunk_size, cookie):
        sock = socket.create_connection(("127.0.0.1", self.http_port()), timeout=30)
        sent = 0
        try:
            sock.sendall(
                (
                    f"POST {self.url} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Cookie: {cookie}\r\n"
                    "Content-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n"
                    "X-WC-Webhook-Delivery-ID: chunked\r\n"
                    "X-WC-Webhook-Signature: irrelevant\r\n\r\n"
                ).encode()
            )
            chunk = b"x" * chunk_size
            while sent < total:
                readable, __, __ = select.select([sock], [], [], 0)
                if readable:
                    break
                try:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except OSError:
                    break
                sent += len(chunk)
            else:
                sock.sendall(b"0\r\n\r\n")
            answer = b""
            while b"\r\n" not in answer:
                data = sock.recv(4096)
                if not data:
                    break
                answer += data
        finally:
            sock.close()
        return answer.split(b"\r\n", 1)[0].decode(), sent

    def test_chunked_body_over_limit(self):
        """A 5 MiB chunked body is refused with 413 while it is read (past
        the route's limit), before its end, and nothing is recorded."""
        status, sent = self._send_chunked(5 * MIB)
        self.assertIn(" 413 ", status)
        self.assertLess(sent, 5 * MIB)
        self.assertFalse(self._deliveries())

    def test_chunked_body_within_limit_still_read(self):
        """A chunked body within the limit (4 KiB on this route) is read whole,
        then checked (refused here: bad signature)."""
        with self.assertLogs("odoo.addons.connector.controllers.webhook", "WARNING"):
            status, sent = self._send_chunked(2048, chunk_size=512)
        self.assertEqual(sent, 2048)
        self.assertIn(" 401 ", status)

    def test_same_body_new_delivery_id_is_duplicate(self):
        """A captured body sent again with a fresh delivery id is no new job."""
        body = json.dumps({"id": 5, "email": "x@example.com"}).encode()
        self.assertEqual(self._post(body, "first").json(), {"status": "queued"})
        for delivery in ("replay-1", "replay-2"):
            self.assertEqual(self._post(body, delivery).json(), {"status": "duplicate"})
        self.assertEqual(len(self._deliveries()), 1)
        jobs = self.env["queue.job"].search([("connector_backend_ref", "=", self.ref)])
        self.assertEqual(len(jobs), 1)

    def test_same_body_other_topic_is_new(self):
        """``{"id": 12}`` is the body of every ``*.deleted``: the topic tells
        the deliveries apart."""
        body = json.dumps({"id": 12}).encode()
        for topic in ("customer.deleted", "order.deleted"):
            response = self._post(body, f"del-{topic}", topic=topic)
            self.assertEqual(response.json(), {"status": "queued"})
        self.assertEqual(len(self._deliveries()), 2)

    def test_same_body_after_window_is_new(self):
        body = json.dumps({"id": 6}).encode()
        self.assertEqual(self._post(body, "old").json(), {"status": "queued"})
        self._deliveries().env.cr.execute(
            "UPDATE connector_webhook_delivery SET received_at = received_at"
            " - interval '2 days' WHERE backend_id = %s",
            (self.ref,),
        )
        self.assertEqual(self._post(body, "new").json(), {"status": "queued"})

    def test_empty_and_null_bodies_rejected(self):
        """A signed empty or ``null`` body ends ``rejected``, never ``received``."""
        for delivery, body in (("empty", b""), ("null", b"null"), ("blank", b"  ")):
            with self.subTest(body=body):
                response = self._post(body, delivery)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["status"], "invalid body")
                row = self._deliveries().filtered(
                    lambda d, name=delivery: d.delivery_id == name
                )
                self.assertEqual(row.state, "rejected")
                self.assertIn("empty", row.error)
        self.assertFalse(
            self.env["queue.job"].search([("connector_backend_ref", "=", self.ref)])
        )
