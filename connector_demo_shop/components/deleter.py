"""Deleter: remove in the shop a record whose binding was deleted in Odoo."""

from odoo.addons.component.core import Component


class DemoShopDeleter(Component):
    """Delete a customer (for good) or a product (to the trash) in the shop."""

    _name = "demo.shop.deleter"
    _inherit = ["generic.deleter", "demo.shop.base"]
    _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]
