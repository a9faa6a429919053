# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    demo_shop_bind_ids = fields.One2many(
        "demo.shop.res.partner",
        "odoo_id",
        string="Demo Shop Bindings",
        groups="connector.group_connector_manager",
    )
