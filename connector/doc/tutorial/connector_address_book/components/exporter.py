# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component


# [exporter]
class ContactExporter(Component):
    _name = "address.book.contact.exporter"
    _inherit = ["generic.exporter", "address.book.base"]
    _usage = "record.exporter"
    _apply_on = ["address.book.res.partner"]


# [/exporter]
