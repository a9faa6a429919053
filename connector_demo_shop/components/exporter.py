"""Exporters: Odoo -> shop, on top of the connector's ``generic.exporter``.

The generic flow (lock the binding row, map, create or update through the
adapter, bind) is the connector's; these components only say what to send
and when there is nothing to send.
"""

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.exception import InvalidDataError


class DemoShopExporter(AbstractComponent):
    """Base of the demo shop exporters."""

    _name = "demo.shop.exporter"
    _inherit = ["generic.exporter", "demo.shop.base"]
    _usage = "record.exporter"
    _default_binding_field = "demo_shop_bind_ids"


class DemoShopCustomerExporter(Component):
    """Create or update a customer in the shop.

    A new binding (no shop id yet) is created in the shop with every mapped
    field; an existing one is updated with the fields that changed only.
    """

    _name = "demo.shop.res.partner.exporter"
    _inherit = "demo.shop.exporter"
    _apply_on = "demo.shop.res.partner"

    _check_conflicts = True
    _remote_date_key = "date_modified_gmt"
    _remote_date_field = "shop_date_modified"
    _remote_fingerprint_field = "shop_fingerprint"

    # written into the customer's meta_data at creation: it tells a customer
    # this export created from one somebody else created with the same e-mail
    _creation_marker_key = "_odoo_connector_binding"

    def _create_data(self, map_record, fields=None, **kwargs):
        data = super()._create_data(map_record, fields=fields, **kwargs)
        data["meta_data"] = [*data.get("meta_data", []), self._creation_marker()]
        return data

    def _creation_marker(self):
        return {"key": self._creation_marker_key, "value": str(self._get_pending_key())}

    def _lookup_remote_after_unknown_outcome(self):
        """The shop keeps one customer per e-mail, as WooCommerce does: after a
        creation whose answer was lost, the customer of this e-mail is the one
        it made if it carries this binding's marker."""
        email = (self.binding.odoo_id.email or "").strip()
        if not email:
            return None
        marker = self._creation_marker()
        for customer in self.backend_adapter.search({"email": email}):
            metas = customer.get("meta_data") or []
            if any(
                meta.get("key") == marker["key"]
                and meta.get("value") == marker["value"]
                for meta in metas
            ):
                return customer["id"]
        return None

    def _validate_create_data(self, data):
        if not data.get("email"):
            raise InvalidDataError(
                f"Partner {self.binding.odoo_id.display_name} (id "
                f"{self.binding.odoo_id.id}) has no e-mail: the shop requires one "
                "to create a customer. Fill the e-mail, then requeue the job."
            )


class DemoShopOrderStatusExporter(Component):
    """Send the status of an order to the shop (confirm/cancel in Odoo).

    Orders are born in the shop: an order binding without a shop id is never
    created there. The shop's answer becomes the binding's known status, so
    the next import does not bounce it back.
    """

    _name = "demo.shop.sale.order.exporter"
    _inherit = "demo.shop.exporter"
    _apply_on = "demo.shop.sale.order"

    def run(self, binding, *args, **kwargs):
        if not self.binder.to_external(binding):
            return self.env._(
                "Order %(name)s was not imported from the shop: its status is not "
                "exported.",
                name=binding.display_name,
            )
        return super().run(binding, *args, **kwargs)

    def _update_data(self, map_record, fields=None, **kwargs):
        data = super()._update_data(map_record, fields=fields, **kwargs)
        if data.get("status") == self.binding.shop_status:
            return {}  # the shop already has it (often: the import itself)
        return data

    def _update(self, data):
        self._validate_update_data(data)
        answer = self.backend_adapter.write(self.external_id, data)
        self.binding.with_context(connector_no_export=True).write(
            {"shop_status": answer.get("status") or data["status"]}
        )
