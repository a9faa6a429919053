# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component


# [import-mapper]
class ContactImportMapper(Component):
    """A remote contact as the binding's values; the backend and the remote
    modification date come from ``base.binding.import.mapper``."""

    _name = "address.book.contact.import.mapper"
    _inherit = ["base.binding.import.mapper", "address.book.base"]
    _apply_on = ["address.book.res.partner"]
    _remote_date_key = "modified"
    _remote_date_field = "book_modified"

    direct = [("name", "name"), ("email", "email")]


# [/import-mapper]
# [export-mapper]
class ContactExportMapper(Component):
    _name = "address.book.contact.export.mapper"
    _inherit = ["base.export.mapper", "address.book.base"]
    _apply_on = ["address.book.res.partner"]

    direct = [("name", "name"), ("email", "email")]


# [/export-mapper]
