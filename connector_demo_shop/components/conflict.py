"""Conflicts of two-way synchronization: the policy of the backend first."""

from odoo.addons.component.core import Component


class DemoShopConflictResolver(Component):
    """``conflict.resolver`` of the demo shop: the policy of a binding model
    (``_connector_conflict_policy``) can be overridden per backend by a
    selection field on its form::

        resolver = self.component(usage="conflict.resolver")
        resolver.get_policy(binding)  # backend.conflict_policy_customer or the model's
    """

    _name = "demo.shop.conflict.resolver"
    _inherit = ["base.connector.conflict.resolver", "demo.shop.base"]
    _policy_fields = {
        "demo.shop.res.partner": "conflict_policy_customer",
        "demo.shop.product.product": "conflict_policy_product",
    }
