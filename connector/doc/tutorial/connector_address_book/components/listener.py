# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import Component
from odoo.addons.component_event import skip_if


def _own_write(self, record, *args, **kwargs):
    """Writes of the connector itself (imports, bind) are not exported back."""
    return self.no_connector_export(record)


# [listeners]
class ContactBindingListener(Component):
    """A new binding is a contact to create in the address book."""

    _name = "address.book.contact.binding.listener"
    _inherit = "base.connector.listener"
    _apply_on = ["address.book.res.partner"]

    @skip_if(_own_write)
    def on_record_create(self, record, fields=None):
        record.with_delay().export_record()


class ContactListener(Component):
    """A change of a bound Odoo contact is exported to its address books."""

    _name = "address.book.contact.listener"
    _inherit = "base.connector.listener"
    _apply_on = ["res.partner"]

    # fields the export mapper sends; a change of another field is not exported
    _exported_fields = {"name", "email"}

    @skip_if(_own_write)
    def on_record_write(self, record, fields=None):
        if fields and not self._exported_fields.intersection(fields):
            return
        for binding in record.address_book_bind_ids:
            binding.with_delay().export_record(fields=fields)


# [/listeners]
