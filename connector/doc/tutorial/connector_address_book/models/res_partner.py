# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    address_book_bind_ids = fields.One2many(
        "address.book.res.partner", "odoo_id", string="Address Book Bindings"
    )
