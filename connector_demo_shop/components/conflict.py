"""Conflicts of two-way synchronization: the policy of the backend first."""

from odoo.addons.component.core import Component


class DemoShopConflictResolver(Component):
    """``conflict.resolver`` of the demo shop.

    The policy of a binding model (``_connector_conflict_policy``) can be
    overridden per backend by a selection field on its form::

        resolver = self.component(usage="conflict.resolver")
        if not resolver.should_import(binding, remote_date, values):
            ...  # kept the Odoo values, or held for review
    """

    _name = "demo.shop.conflict.resolver"
    _inherit = ["base.connector.conflict.resolver", "demo.shop.base"]

    # meant to be overridden: backend field holding the policy of a binding model
    _policy_fields = {
        "demo.shop.res.partner": "conflict_policy_customer",
        "demo.shop.product.product": "conflict_policy_product",
    }

    def get_policy(self, binding):
        field_name = self._policy_fields.get(binding._name)
        if field_name and self.backend_record[field_name]:
            return self.backend_record[field_name]
        return super().get_policy(binding)
