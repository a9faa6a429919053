# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component


# [adapter]
class AddressBookAdapter(Component):
    """CRUD on the address book's ``/contacts`` through the work context's
    client; errors become the retry policy's decisions."""

    _name = "address.book.adapter"
    _inherit = ["base.backend.adapter.rest", "address.book.base"]
    _apply_on = ["address.book.res.partner"]
    _resource = "contacts"


# [/adapter]
