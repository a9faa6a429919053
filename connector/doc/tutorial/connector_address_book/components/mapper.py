# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create


# [import-mapper]
class ContactImportMapper(Component):
    _name = "address.book.contact.import.mapper"
    _inherit = ["base.import.mapper", "address.book.base"]
    _apply_on = ["address.book.res.partner"]

    direct = [("name", "name"), ("email", "email")]

    @only_create
    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}


# [/import-mapper]
# [export-mapper]
class ContactExportMapper(Component):
    _name = "address.book.contact.export.mapper"
    _inherit = ["base.export.mapper", "address.book.base"]
    _apply_on = ["address.book.res.partner"]

    direct = [("name", "name"), ("email", "email")]


# [/export-mapper]
