# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import UTC, datetime

from odoo.addons.component.core import Component


# [record-importer]
class ContactImporter(Component):
    """Import one contact: create or update its binding, then bind it."""

    _name = "address.book.contact.importer"
    _inherit = ["base.importer", "address.book.base"]
    _usage = "record.importer"
    _apply_on = ["address.book.res.partner"]

    def run(self, external_id, force=False):
        # lock first: a second job importing the same contact waits its turn
        self._lock_external_id(external_id)
        remote = self.backend_adapter.read(external_id)
        binding = self.binder.to_internal(external_id)
        modified = self._get_remote_date(remote)
        if binding and not force and self._is_uptodate(binding, modified):
            return "Already up to date."
        map_record = self.mapper.map_record(remote)
        if binding:
            values = map_record.values()
            resolver = self.component(usage="conflict.resolver")
            if not resolver.should_import(binding, modified, values):
                return "Changed on both sides: held for review."
            binding.with_context(connector_no_export=True).write(values)
        else:
            values = map_record.values(for_create=True)
            with self._retry_unique_violation():
                binding = self.model.with_context(connector_no_export=True).create(
                    values
                )
        self.binder.bind(external_id, binding)
        return f"Contact {external_id} imported."

    def _get_remote_date(self, remote):
        """The remote modification date, as a naive UTC datetime like Odoo's."""
        modified = datetime.fromisoformat(remote["modified"])
        return modified.astimezone(UTC).replace(tzinfo=None)

    def _is_uptodate(self, binding, modified):
        return bool(binding.sync_date) and modified < binding.sync_date


# [/record-importer]
# [batch-importer]
class ContactBatchImporter(Component):
    """List the contacts changed since a date; one import job for each."""

    _name = "address.book.contact.batch.importer"
    _inherit = ["base.importer", "address.book.base"]
    _usage = "batch.importer"
    _apply_on = ["address.book.res.partner"]

    def run(self, since=None):
        contacts = self.backend_adapter.search(since=since)
        for contact in contacts:
            self.model.with_delay().import_record(
                self.backend_record, str(contact["id"])
            )
        return f"{len(contacts)} contact import(s) enqueued."


# [/batch-importer]
