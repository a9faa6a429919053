# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class DemoShopSaleOrder(models.Model):
    """A shop order bound to an Odoo sales order."""

    _name = "demo.shop.sale.order"
    _inherit = "demo.shop.binding"
    _inherits = {"sale.order": "odoo_id"}
    _description = "Demo Shop Order"

    odoo_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        required=True,
        index=True,
        ondelete="cascade",
    )
    demo_shop_order_line_ids = fields.One2many(
        "demo.shop.sale.order.line", "demo_shop_order_id", string="Demo Shop Lines"
    )
    shop_status = fields.Char(
        string="Status in the shop",
        readonly=True,
        help="Status of the order in the shop (pending, processing, completed, "
        "cancelled...). Unknown statuses are kept as is and change nothing in Odoo.",
    )
    shop_total = fields.Float(
        string="Total in the shop", readonly=True, digits="Product Price"
    )
    shop_total_tax = fields.Float(
        string="Tax in the shop", readonly=True, digits="Product Price"
    )

    _external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A sales order is already bound to this order of the shop.",
    )
    _odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This sales order is already bound to an order of this shop.",
    )
