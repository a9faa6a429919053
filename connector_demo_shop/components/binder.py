"""Binder: the shop's ids <-> the binding records."""

from odoo.addons.component.core import Component


class DemoShopBinder(Component):
    """The stock ``base.binder`` for every demo shop binding.

    The shop's ids are integers, the bindings store them in a Char: ids are
    normalised to text on the way in, so ``to_internal(12)`` and
    ``to_internal("12")`` find the same binding::

        binder = work.component(usage="binder")
        partner = binder.to_internal(12, unwrap=True)
    """

    _name = "demo.shop.binder"
    _inherit = ["base.binder", "demo.shop.base"]
    _apply_on = [
        "demo.shop.res.partner",
        "demo.shop.product.product",
        "demo.shop.sale.order",
        "demo.shop.sale.order.line",
    ]

    def to_internal(self, external_id, unwrap=False):
        return super().to_internal(self._normalize_id(external_id), unwrap=unwrap)

    def bind(self, external_id, binding):
        return super().bind(self._normalize_id(external_id), binding)

    @staticmethod
    def _normalize_id(external_id):
        if isinstance(external_id, int) and not isinstance(external_id, bool):
            return str(external_id)
        return external_id
