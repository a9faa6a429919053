# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from contextlib import contextmanager

from odoo import fields, models

from odoo.addons.connector.rest_client import RestClient


# [client]
class AddressBookClient(RestClient):
    """The address book's REST API: JSON, a bearer token instead of Basic."""

    remote_name = "Address book"

    def _build_session(self):
        session = super()._build_session()
        # the client's key is the token, sent as a bearer instead of Basic
        token, __ = self._auth
        session.auth = None
        session.headers["Authorization"] = f"Bearer {token}"
        return session


# [/client]
# [backend]
class AddressBookBackend(models.Model):
    """One address book service that Odoo synchronizes its contacts with."""

    _name = "address.book.backend"
    # the rate-limited mixin: "Calls Allowed" per "Per (seconds)", shared by
    # every worker, and how long a job waits for a call before it is postponed
    _inherit = ["connector.backend", "connector.rate.limited.mixin"]
    _description = "Address Book Backend"

    name = fields.Char(required=True)
    # archived: its webhooks are answered 410 and nothing is enqueued
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    location = fields.Char(required=True, help="Base URL of the address book API.")
    token = fields.Char(groups="connector.group_connector_manager")
    webhook_secret = fields.Char(groups="connector.group_connector_manager")
    # the newest modification date of the last complete scan of the contacts
    import_contacts_since = fields.Datetime(readonly=True)

    # [/backend]
    # [work-on]
    @contextmanager
    def work_on(self, model_name, **kwargs):
        """Work context carrying the address book's client.

        The token is read with ``sudo()`` here and nowhere else: jobs
        receive the backend record, never the token. Every request of the
        client, each page of a listing included, first takes a call of the
        backend's rate limit (``sudo()``: a job's user may not read it).
        """
        self.ensure_one()
        backend = self.sudo()
        client = AddressBookClient(
            backend.location,
            backend.token or "",
            "",
            label=backend.name,
            before_request=backend._rate_limit_or_retry,
        )
        with super().work_on(model_name, rest_client=client, **kwargs) as work:
            yield work

    # [/work-on]
    # [batch]
    def action_import_contacts(self):
        """Enqueue the import of the contacts changed since the last scan."""
        Binding = self.env["address.book.res.partner"]
        for backend in self:
            Binding.with_delay(
                description=Binding._get_job_description("import_batch", backend)
            ).import_batch(backend)

    # [/batch]
    # [webhook-hooks]
    def _webhook_secret(self):
        return self.sudo().webhook_secret

    def _webhook_record_key(self, topic, payload):
        # at most _webhook_record_limit() jobs per contact and window
        return f"contact:{payload.get('id')}" if isinstance(payload, dict) else None

    def _webhook_enqueue(self, delivery, payload):
        if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
            delivery.write({"state": "rejected", "error": "No integer 'id'."})
            return None
        Binding = self.env["address.book.res.partner"]
        return Binding._delay_import_record(self, payload["id"])

    # [/webhook-hooks]
