# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


class DemoShopSaleOrderLine(models.Model):
    """A line item of a shop order bound to an Odoo order line.

    Lines are created with their order through the order mapper's children
    mapping, as ``(0, 0, values)`` commands on ``demo_shop_order_line_ids``.
    """

    _name = "demo.shop.sale.order.line"
    _inherit = "demo.shop.binding"
    _inherits = {"sale.order.line": "odoo_id"}
    _description = "Demo Shop Order Line"

    odoo_id = fields.Many2one(
        "sale.order.line",
        string="Sales Order Line",
        required=True,
        index=True,
        ondelete="cascade",
    )
    demo_shop_order_id = fields.Many2one(
        "demo.shop.sale.order",
        required=True,
        index=True,
        ondelete="cascade",
    )

    _external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "An order line is already bound to this line item of the shop.",
    )
    _odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This order line is already bound to a line item of this shop.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # the children mapping only knows the binding of the order; the
        # sale.order.line created through _inherits needs the order itself
        orders = self.env["demo.shop.sale.order"]
        for vals in vals_list:
            if "order_id" not in vals and vals.get("demo_shop_order_id"):
                order = orders.browse(vals["demo_shop_order_id"])
                vals["order_id"] = order.odoo_id.id
        return super().create(vals_list)
