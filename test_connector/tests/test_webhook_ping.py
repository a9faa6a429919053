# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The unsigned ping a remote system sends when a webhook is created."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebhookPing(HttpCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {"name": "Pinged", "webhook_secret": "ping-secret"}
        )
        self.url = f"/test_connector/webhook/{self.backend.id}"
        self.ref = f"test.backend,{self.backend.id}"

    def _recorded(self):
        deliveries = self.env["connector.webhook.delivery"].search_count(
            [("backend_id", "=", self.ref)]
        )
        jobs = self.env["queue.job"].search_count(
            [("connector_backend_ref", "=", self.ref)]
        )
        return deliveries, jobs

    def test_form_ping_answered(self):
        """A form-encoded ``webhook_id=`` ping gets 200 "pong" and records nothing."""
        response = self.url_open(
            self.url,
            data=b"webhook_id=12",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "pong"})
        self.assertEqual(self._recorded(), (0, 0))

    def test_raw_ping_answered(self):
        """A ping sent without a form content type is answered the same way."""
        response = self.url_open(
            self.url, data=b"webhook_id=12", headers={"Content-Type": "text/plain"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "pong"})
        self.assertEqual(self._recorded(), (0, 0))

    def test_signed_ping_body_is_no_ping(self):
        """A ``webhook_id=`` body carrying a (wrong) signature is checked: 401."""
        with self.assertLogs("odoo.addons.connector.controllers.webhook", "WARNING"):
            response = self.url_open(
                self.url,
                data=b"webhook_id=12",
                headers={
                    "Content-Type": "text/plain",
                    "X-WC-Webhook-Signature": "Zm9yZ2Vk",
                },
            )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self._recorded(), (0, 0))

    def test_ping_of_unknown_backend(self):
        """A ping for a backend that does not exist answers 404."""
        response = self.url_open(
            "/test_connector/webhook/999999999", data=b"webhook_id=12"
        )
        self.assertEqual(response.status_code, 404)
