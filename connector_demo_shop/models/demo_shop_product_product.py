# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class DemoShopProductProduct(models.Model):
    """A shop product bound to an Odoo product variant."""

    _name = "demo.shop.product.product"
    _inherit = "demo.shop.binding"
    _inherits = {"product.product": "odoo_id"}
    _description = "Demo Shop Product"

    odoo_id = fields.Many2one(
        "product.product",
        string="Odoo Product",
        required=True,
        index=True,
        ondelete="cascade",
    )
    shop_status = fields.Char(
        string="Status in the shop", readonly=True, help="publish, draft, trash..."
    )

    _external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A product is already bound to this product of the shop.",
    )
    _odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This product is already bound to a product of this shop.",
    )
