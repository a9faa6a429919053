# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component
from odoo.addons.component_event import skip_if


def _own_write(self, record, *args, **kwargs):
    """Writes of the connector itself (imports, bind) are not exported back."""
    return self.no_connector_export(record)


# [listeners]
class ContactBindingListener(Component):
    """A new binding is a contact to create in the address book; a deleted
    one, a contact to delete there."""

    _name = "address.book.contact.binding.listener"
    _inherit = "base.connector.export.listener"
    _apply_on = ["address.book.res.partner"]

    @skip_if(_own_write)
    def on_record_create(self, record, fields=None):
        self._enqueue_export(record)

    @skip_if(_own_write)
    def on_record_unlink(self, record):
        self._enqueue_delete(record)


class ContactListener(Component):
    """A change of a bound Odoo contact is exported to its address books,
    when the export mapper sends one of the changed fields."""

    _name = "address.book.contact.listener"
    _inherit = "base.connector.export.listener"
    _apply_on = ["res.partner"]
    _binding_field = "address_book_bind_ids"

    @skip_if(_own_write)
    def on_record_write(self, record, fields=None):
        self._export_changed_bindings(record, fields)


# [/listeners]
