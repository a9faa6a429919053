# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


# [backend]
class AddressBookBackend(models.Model):
    """One address book service that Odoo synchronizes its contacts with."""

    _name = "address.book.backend"
    _inherit = "connector.backend"
    _description = "Address Book Backend"

    name = fields.Char(required=True)
    location = fields.Char(required=True, help="Base URL of the address book API.")
    token = fields.Char(groups="connector.group_connector_manager")
    webhook_secret = fields.Char(groups="connector.group_connector_manager")
    import_contacts_since = fields.Datetime()

    # [/backend]
    # [batch]
    def action_import_contacts(self):
        """Enqueue the import of the contacts changed since the last run."""
        for backend in self:
            self.env["address.book.res.partner"].with_delay().import_batch(
                backend, since=backend.import_contacts_since
            )

    # [/batch]
    # [webhook-hooks]
    def _webhook_secret(self):
        return self.sudo().webhook_secret

    def _webhook_enqueue(self, delivery, payload):
        if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
            delivery.write({"state": "rejected", "error": "No integer 'id'."})
            return None
        return (
            self.env["address.book.res.partner"]
            .with_delay()
            .import_record(self, str(payload["id"]))
        )

    # [/webhook-hooks]
