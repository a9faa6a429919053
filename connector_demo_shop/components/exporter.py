"""Exporters: Odoo -> shop, on top of the connector's ``generic.exporter``.

The generic flow (lock the binding row, map, create or update through the
adapter, bind) is the connector's; these components only say what to send
and when there is nothing to send.
"""

import logging

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.exception import InvalidDataError

from .mapper import parse_shop_date

_logger = logging.getLogger(__name__)


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

    def __init__(self, work_context):
        super().__init__(work_context)
        # why the update was not sent (a conflict), or None
        self.conflict_message = None
        self._sync_date_before = None

    def _run(self, fields=None):
        result = super()._run(fields=fields)
        return self.conflict_message or result

    def _update(self, data):
        if not self._may_update(data):
            return None
        answer = super()._update(data)
        # the shop's new modification date: the next scan sees our own change
        # as already imported instead of bouncing it back
        modified = parse_shop_date((answer or {}).get("date_modified_gmt"))
        if modified:
            self.binding.with_context(connector_no_export=True).write(
                {"shop_date_modified": modified}
            )
        return answer

    def _may_update(self, data):
        """Ask the ``conflict.resolver`` whether ``data`` may overwrite the shop.

        The customer is read first: changed in the shop since the binding's
        sync date, with other values than the ones to send, is a conflict.
        Only the keys sent are compared (``billing`` key by key).
        """
        if not self.binding.sync_date:
            return True  # never synchronized: nothing to conflict with
        remote = self.backend_adapter.read(self.external_id)
        remote_date = parse_shop_date(remote.get("date_modified_gmt"))
        known = self.binding.shop_date_modified
        if known and remote_date and remote_date <= known:
            # the shop still holds the version last imported or exported
            # (both dates from the shop's clock: no skew with Odoo's)
            return True
        resolver = self.component(usage="conflict.resolver")
        if resolver.should_export(
            self.binding,
            remote_date,
            self._flatten(data),
            self._flatten(self._project(remote, data)),
        ):
            return True
        policy = resolver.get_policy(self.binding)
        self.conflict_message = self.env._(
            "Customer %(id)s changed in the shop since the last synchronization: "
            "not exported (conflict policy: %(policy)s).",
            id=self.external_id,
            policy=policy,
        )
        # the export did not happen: the binding keeps its sync date, which
        # the generic exporter is about to refresh
        self._sync_date_before = self.binding.sync_date
        if policy == "remote_wins":
            self._delay_import()
        return False

    @classmethod
    def _project(cls, remote, data):
        """The part of ``remote`` that ``data`` would overwrite."""
        projected = {}
        for key, value in data.items():
            if key not in remote:
                continue
            if isinstance(value, dict) and isinstance(remote[key], dict):
                projected[key] = cls._project(remote[key], value)
            else:
                projected[key] = remote[key]
        return projected

    @classmethod
    def _flatten(cls, values, prefix=""):
        """``{"billing": {"city": x}}`` as ``{"billing.city": x}``: the
        differences of a conflict then name the nested fields."""
        flat = {}
        for key, value in values.items():
            if isinstance(value, dict):
                flat.update(cls._flatten(value, prefix=f"{prefix}{key}."))
            else:
                flat[f"{prefix}{key}"] = value
        return flat

    def _after_export(self):
        result = super()._after_export()
        if self.conflict_message:
            self.binding.with_context(connector_no_export=True).write(
                {"sync_date": self._sync_date_before}
            )
        return result

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
