# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


# [binding]
class AddressBookResPartner(models.Model):
    """A contact of Odoo bound to a contact of one address book."""

    _name = "address.book.res.partner"
    _inherit = "external.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "Address Book Contact"
    # both sides changed since the last sync: change nothing, open a checkpoint
    _connector_conflict_policy = "hold"

    odoo_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict"
    )
    backend_id = fields.Many2one(
        "address.book.backend", required=True, index=True, ondelete="restrict"
    )
    external_id = fields.Char(index=True)

    _backend_external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "This address book contact is already bound to another Odoo contact.",
    )
    _backend_odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This Odoo contact is already bound to a contact of this address book.",
    )

    # [/binding]
    # [jobs]
    def import_batch(self, backend, since=None):
        """Job: enqueue the import of each contact changed after ``since``."""
        with backend.work_on(self._name) as work:
            return work.component(usage="batch.importer").run(since=since)

    def import_record(self, backend, external_id, force=False):
        """Job: import (create or update) one contact of the address book."""
        with backend.work_on(self._name) as work:
            return work.component(usage="record.importer").run(external_id, force=force)

    def export_record(self, fields=None):
        """Job: create or update this contact in the address book."""
        self.ensure_one()
        with self.backend_id.work_on(self._name) as work:
            return work.component(usage="record.exporter").run(self, fields=fields)

    # [/jobs]
