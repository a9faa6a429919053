# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    demo_shop_bind_ids = fields.One2many(
        "demo.shop.product.product",
        "odoo_id",
        string="Demo Shop Bindings",
        groups="connector.group_connector_manager",
    )
