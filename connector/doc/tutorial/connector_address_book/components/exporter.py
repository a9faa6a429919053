# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component


# [exporter]
class ContactExporter(Component):
    """Create or update a contact in the address book.

    Before an update it reads the remote contact: changed there too since
    the last synchronization is a conflict, and the binding's policy
    (``hold``) decides: nothing written, a checkpoint to review.
    """

    _name = "address.book.contact.exporter"
    _inherit = ["generic.exporter", "address.book.base"]
    _usage = "record.exporter"
    _apply_on = ["address.book.res.partner"]
    _check_conflicts = True
    _remote_date_key = "modified"
    _remote_date_field = "book_modified"


# [/exporter]
# [deleter]
class ContactDeleter(Component):
    """Apply the backend's delete policy to a contact whose binding is gone."""

    _name = "address.book.contact.deleter"
    _inherit = ["generic.deleter", "address.book.base"]
    _apply_on = ["address.book.res.partner"]


# [/deleter]
