"""Listeners: Odoo events -> export jobs.

Every listener skips the writes of the connector itself (an import writes
with ``connector_no_export`` in the context): an import is never sent back
to the shop. The enqueueing is the connector's ``base.connector.export.listener``.
"""

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.component_event import skip_if
from odoo.addons.connector.components.listener import skip_own_writes


class DemoShopListener(AbstractComponent):
    """Base of the demo shop listeners."""

    _name = "demo.shop.listener.base"
    _inherit = "base.connector.export.listener"
    _binding_field = "demo_shop_bind_ids"


class DemoShopBindingListener(Component):
    """A customer binding created by a person is exported; a deleted customer
    or product binding deletes the record in the shop."""

    _name = "demo.shop.binding.listener"
    _inherit = "demo.shop.listener.base"
    _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]

    @skip_if(skip_own_writes)
    def on_record_create(self, record, fields=None):
        if record._name == "demo.shop.res.partner" and not record.external_id:
            self._enqueue_export(record)

    @skip_if(skip_own_writes)
    def on_record_unlink(self, record):
        self._enqueue_delete(record)


class DemoShopPartnerListener(Component):
    """A change of a bound partner is exported to each of its shops."""

    _name = "demo.shop.res.partner.listener"
    _inherit = "demo.shop.listener.base"
    _apply_on = ["res.partner"]

    @skip_if(skip_own_writes)
    def on_record_write(self, record, fields=None):
        self._export_changed_bindings(record, fields)

    @skip_if(skip_own_writes)
    def on_record_unlink(self, record):
        self._delete_bindings(record)


class DemoShopSaleOrderListener(Component):
    """Confirming or cancelling an imported order changes its shop status."""

    _name = "demo.shop.sale.order.listener"
    _inherit = "demo.shop.listener.base"
    _apply_on = ["sale.order"]

    @skip_if(skip_own_writes)
    def on_record_write(self, record, fields=None):
        if "state" not in (fields or ()):
            return
        for binding in record.sudo().demo_shop_bind_ids:
            if binding.external_id:
                self._enqueue_export(binding, fields=["state"])
