# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component


# [record-importer]
class ContactImporter(Component):
    """Import one contact: lock, read, skip when up to date, map, resolve a
    conflict, write, bind (``generic.record.importer`` does every step)."""

    _name = "address.book.contact.importer"
    _inherit = ["generic.record.importer", "address.book.base"]
    _apply_on = ["address.book.res.partner"]
    _remote_date_key = "modified"
    _remote_date_field = "book_modified"

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        self._check_type("name", (str,), required=True)
        self._check_type("email", (str,))


# [/record-importer]
# [batch-importer]
class ContactBatchImporter(Component):
    """List the contacts changed since the last scan, page by page, in the
    stable order (modification date, id); one import job for each."""

    _name = "address.book.contact.batch.importer"
    _inherit = ["generic.batch.importer", "address.book.base"]
    _apply_on = ["address.book.res.partner"]
    _remote_date_key = "modified"
    _watermark_field = "import_contacts_since"

    def _list_page(self, since, offset, limit, filters):
        params = {"offset": offset, "limit": limit}
        if since:
            params["modified_after"] = since.isoformat()
        return self.backend_adapter.search_page(params)


# [/batch-importer]
