"""Listeners: Odoo events -> export jobs.

Every listener skips the events of writes made by the connector itself (an
import writes with ``connector_no_export`` in the context), so an import is
never sent back to the shop. Bindings are read with ``sudo()``: a salesman
confirming an order has no access to the bindings, yet his confirmation
must reach the shop; the job is then run with the same rights.
"""

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.component_event import skip_if


def _skip_own_writes(self, record, *args, **kwargs):
    return self.no_connector_export(record)


class DemoShopListener(AbstractComponent):
    """Helpers shared by the listeners (enqueueing, exported fields)."""

    _name = "demo.shop.listener.base"
    _inherit = "base.connector.listener"

    def _exported_fields(self, binding):
        """Fields whose change is worth an export: the export mapper knows."""
        with binding.backend_id.work_on(binding._name) as work:
            return work.component(usage="export.mapper").changed_by_fields()

    def _enqueue_export(self, binding, fields=None):
        binding.sudo().with_delay(
            description=self.env._(
                "Export %(record)s to the shop", record=binding.sudo().display_name
            )
        ).export_record(fields=fields)

    def _enqueue_delete(self, binding):
        binding = binding.sudo()
        if not binding.external_id:
            return
        self.env[binding._name].sudo().with_delay(
            description=self.env._(
                "Delete %(model)s %(id)s in the shop",
                model=binding._description,
                id=binding.external_id,
            )
        ).export_delete_record(binding.backend_id, binding.external_id)


class DemoShopBindingListener(Component):
    """A customer binding created by a person is exported; a deleted customer
    or product binding deletes the record in the shop."""

    _name = "demo.shop.binding.listener"
    _inherit = "demo.shop.listener.base"
    _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]

    @skip_if(_skip_own_writes)
    def on_record_create(self, record, fields=None):
        if record._name == "demo.shop.res.partner" and not record.external_id:
            self._enqueue_export(record)

    @skip_if(_skip_own_writes)
    def on_record_unlink(self, record):
        self._enqueue_delete(record)


class DemoShopPartnerListener(Component):
    """A change of a bound partner is exported to each of its shops."""

    _name = "demo.shop.res.partner.listener"
    _inherit = "demo.shop.listener.base"
    _apply_on = ["res.partner"]

    @skip_if(_skip_own_writes)
    def on_record_write(self, record, fields=None):
        for binding in record.sudo().demo_shop_bind_ids:
            if not binding.external_id:
                continue
            changed = set(fields or ()) & self._exported_fields(binding)
            if changed:
                self._enqueue_export(binding, fields=sorted(changed))

    @skip_if(_skip_own_writes)
    def on_record_unlink(self, record):
        for binding in record.sudo().demo_shop_bind_ids:
            self._enqueue_delete(binding)


class DemoShopSaleOrderListener(Component):
    """Confirming or cancelling an imported order changes its shop status."""

    _name = "demo.shop.sale.order.listener"
    _inherit = "demo.shop.listener.base"
    _apply_on = ["sale.order"]

    @skip_if(_skip_own_writes)
    def on_record_write(self, record, fields=None):
        if "state" not in (fields or ()):
            return
        for binding in record.sudo().demo_shop_bind_ids:
            if binding.external_id:
                self._enqueue_export(binding, fields=["state"])
