# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    demo_shop_bind_ids = fields.One2many(
        "demo.shop.sale.order",
        "odoo_id",
        string="Demo Shop Bindings",
        groups="connector.group_connector_manager",
    )
    demo_shop_refunded_amount = fields.Monetary(
        string="Refunded in the shop",
        readonly=True,
        copy=False,
        help="Amount the shop refunded on this order. Odoo does not follow "
        "refunds by itself: issue the credit note or return that matches.",
    )
