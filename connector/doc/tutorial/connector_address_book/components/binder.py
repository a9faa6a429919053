# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component


# [binder]
class AddressBookBinder(Component):
    _name = "address.book.binder"
    _inherit = ["base.binder", "address.book.base"]
    _apply_on = ["address.book.res.partner"]


# [/binder]
