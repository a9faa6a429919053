"""Deleter: remove in the shop a record whose binding was deleted in Odoo."""

from odoo.addons.component.core import Component
from odoo.addons.connector.exception import IDMissingInBackend


class DemoShopDeleter(Component):
    """Delete a customer (for good) or a product (to the trash) in the shop.

    The job runs after the binding is gone, so it receives the shop's id; a
    record already missing in the shop counts as deleted.
    """

    _name = "demo.shop.deleter"
    _inherit = ["base.deleter", "demo.shop.base"]
    _usage = "record.exporter.deleter"
    _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]

    def run(self, external_id):
        try:
            self.backend_adapter.delete(external_id)
        except IDMissingInBackend:
            return self.env._(
                "Record %(id)s was already deleted in the shop.", id=external_id
            )
        return self.env._("Record %(id)s deleted in the shop.", id=external_id)
