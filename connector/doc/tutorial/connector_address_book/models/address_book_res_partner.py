# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


# [binding]
class AddressBookResPartner(models.Model):
    """A contact of Odoo bound to a contact of one address book.

    ``connector.binding.mixin`` (an ``external.binding``) brings
    ``sync_date`` and the job methods: ``import_batch``, ``import_record``,
    ``export_record`` and ``export_delete_record``.
    """

    _name = "address.book.res.partner"
    _inherit = "connector.binding.mixin"
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
    # the address book's modification date of the contact, as last synchronized
    book_modified = fields.Datetime(readonly=True)

    _backend_external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "This address book contact is already bound to another Odoo contact.",
    )
    _backend_odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This Odoo contact is already bound to a contact of this address book.",
    )


# [/binding]
