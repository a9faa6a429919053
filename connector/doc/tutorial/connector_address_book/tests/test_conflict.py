# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from datetime import timedelta

from odoo import fields

from odoo.addons.connector.components.conflict import HELD, WRITTEN

from .common import AddressBookCase


# [test-conflict]
class TestConflict(AddressBookCase):
    def _changed_on_both_sides(self, name):
        """A contact imported an hour ago, renamed since on both sides."""
        contact = self.remote.call("POST", "/contacts", json={"name": name})
        self.import_contact(contact["id"])
        binding = self.Binding.search([("external_id", "=", str(contact["id"]))])
        an_hour_ago = fields.Datetime.now() - timedelta(hours=1)
        binding.with_context(connector_no_export=True).sync_date = an_hour_ago
        binding.odoo_id.with_context(connector_no_export=True).name = f"{name} (Odoo)"
        self.remote.call(
            "PUT", f"/contacts/{contact['id']}", json={"name": f"{name} (book)"}
        )
        return contact, binding

    def _checkpoint(self, binding):
        return self.env["connector.checkpoint"].search(
            [("model_name", "=", "res.partner"), ("record_id", "=", binding.odoo_id.id)]
        )

    def test_import_of_a_conflict_is_held(self):
        """Both sides changed: the import writes nothing, binds nothing, and
        a checkpoint opens."""
        contact, binding = self._changed_on_both_sides("Ada")
        sync_date = binding.sync_date
        with self.backend.work_on(self.Binding._name) as work:
            importer = work.component(usage="record.importer")
            importer.run(str(contact["id"]))
        self.assertEqual(importer.outcome, HELD)
        self.assertEqual(binding.name, "Ada (Odoo)")
        self.assertEqual(binding.sync_date, sync_date)
        self.assertEqual(self._checkpoint(binding).state, "need_review")

    def test_export_of_a_conflict_is_held(self):
        """Both sides changed: the export does not overwrite the address
        book, the binding keeps its sync date, a checkpoint opens."""
        contact, binding = self._changed_on_both_sides("Bea")
        sync_date = binding.sync_date
        with self.backend.work_on(self.Binding._name) as work:
            exporter = work.component(usage="record.exporter")
            message = exporter.run(binding)
        self.assertEqual(exporter.outcome, HELD)
        self.assertIn("not exported (held", message)
        remote = self.remote.call("GET", f"/contacts/{contact['id']}")
        self.assertEqual(remote["name"], "Bea (book)")
        self.assertEqual(binding.sync_date, sync_date)
        self.assertEqual(self._checkpoint(binding).state, "need_review")

    def test_changed_remotely_only_is_imported(self):
        """Only the address book changed: the import applies it."""
        contact = self.remote.call("POST", "/contacts", json={"name": "Bob"})
        self.import_contact(contact["id"])
        binding = self.Binding.search([("external_id", "=", str(contact["id"]))])
        self.remote.call("PUT", f"/contacts/{contact['id']}", json={"name": "Robert"})
        with self.backend.work_on(self.Binding._name) as work:
            importer = work.component(usage="record.importer")
            importer.run(str(contact["id"]))
        self.assertEqual(importer.outcome, WRITTEN)
        self.assertEqual(binding.name, "Robert")
        self.assertFalse(self._checkpoint(binding))


# [/test-conflict]
