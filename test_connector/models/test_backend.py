# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models

from odoo.addons.connector.retry import raise_remote_error


class TestBackend(models.Model):
    _name = "test.backend"
    _inherit = [
        "connector.backend",
        "connector.rate.limited.mixin",
        "connector.backend.health.mixin",
    ]
    _description = "Backends for testing purpose"

    name = fields.Char()
    # lets the tests prove that checkpoints take the company of their backend
    company_id = fields.Many2one(comodel_name="res.company")
    # signs the webhooks of the webhook tests
    webhook_secret = fields.Char()

    def _webhook_secret(self):
        return self.webhook_secret

    def _webhook_enqueue(self, delivery, payload):
        if not isinstance(payload, dict):
            delivery.write(
                {"state": "rejected", "error": "The payload is not a JSON object."}
            )
            return None
        return (
            self.env["connector.test.binding"]
            .with_delay()
            .import_record(self, str(payload.get("id")))
        )

    def remote_call(self, error_message, retry_after=None, **policy):
        """A job calling a remote API that answers with an error; ``policy``
        goes to the retry policy (``jitter=False`` for exact delays)."""
        raise_remote_error(
            self.env, RuntimeError(error_message), retry_after=retry_after, **policy
        )

    def rate_limited_call(self, key="default"):
        """A job making one call under the backend's rate limit."""
        self._rate_limit_or_retry(key=key)
        return "called"
