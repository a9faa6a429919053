# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import AbstractComponent


# [base]
class AddressBookBaseComponent(AbstractComponent):
    """Base of the address book's components: they belong to its collection."""

    _name = "address.book.base"
    _inherit = "base.connector"
    _collection = "address.book.backend"


# [/base]
