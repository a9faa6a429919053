# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields

from .common import AddressBookCase


# [test-conflict]
class TestConflict(AddressBookCase):
    def _imported_an_hour_ago(self, name):
        contact = self.remote.call("POST", "/contacts", json={"name": name})
        self.import_contact(contact["id"])
        binding = self.Binding.search([("external_id", "=", str(contact["id"]))])
        # the last synchronization was an hour ago: both sides changed since
        an_hour_ago = fields.Datetime.now() - timedelta(hours=1)
        binding.with_context(connector_no_export=True).sync_date = an_hour_ago
        return contact, binding

    def test_changed_on_both_sides_is_held(self):
        """Both sides changed: the import writes nothing, a checkpoint opens."""
        contact, binding = self._imported_an_hour_ago("Ada")
        binding.odoo_id.with_context(connector_no_export=True).name = "Ada (Odoo)"
        self.remote.call(
            "PUT", f"/contacts/{contact['id']}", json={"name": "Ada (book)"}
        )
        message = self.import_contact(contact["id"])
        self.assertEqual(message, "Changed on both sides: held for review.")
        self.assertEqual(binding.name, "Ada (Odoo)")
        checkpoint = self.env["connector.checkpoint"].search(
            [("model_name", "=", "res.partner"), ("record_id", "=", binding.odoo_id.id)]
        )
        self.assertEqual(checkpoint.state, "need_review")

    def test_changed_remotely_only_is_imported(self):
        """Only the address book changed: the import applies it."""
        contact = self.remote.call("POST", "/contacts", json={"name": "Bob"})
        self.import_contact(contact["id"])
        binding = self.Binding.search([("external_id", "=", str(contact["id"]))])
        self.remote.call("PUT", f"/contacts/{contact['id']}", json={"name": "Robert"})
        self.import_contact(contact["id"])
        self.assertEqual(binding.name, "Robert")
        self.assertFalse(
            self.env["connector.checkpoint"].search(
                [
                    ("record_id", "=", binding.odoo_id.id),
                    ("model_name", "=", "res.partner"),
                ]
            )
        )


# [/test-conflict]
