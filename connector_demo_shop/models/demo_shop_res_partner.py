# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class DemoShopResPartner(models.Model):
    """A shop customer bound to an Odoo partner."""

    _name = "demo.shop.res.partner"
    _inherit = "demo.shop.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "Demo Shop Customer"
    # a customer edited in Odoo (address, phone) and in the shop (by the
    # customer) at the same time: a person decides which is right
    _connector_conflict_policy = "hold"

    odoo_id = fields.Many2one(
        "res.partner", string="Partner", required=True, index=True, ondelete="cascade"
    )

    _external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A partner is already bound to this customer of the shop.",
    )
    _odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This partner is already bound to a customer of this shop.",
    )
