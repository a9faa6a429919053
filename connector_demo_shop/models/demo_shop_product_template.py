# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class DemoShopProductTemplate(models.Model):
    """A variable product of the shop bound to an Odoo product template.

    Its variations are ``demo.shop.product.product`` bindings of the
    template's variants (the variation's id as external id: the shop's
    products and variations share one id space)::

        env["demo.shop.product.product"].import_record(backend, "370")
        template = env["demo.shop.product.template"].search(
            [("backend_id", "=", backend.id), ("external_id", "=", "370")]
        )
        template.product_variant_ids.demo_shop_bind_ids.mapped("external_id")
    """

    _name = "demo.shop.product.template"
    _inherit = "demo.shop.binding"
    _inherits = {"product.template": "odoo_id"}
    _description = "Demo Shop Variable Product"

    shop_status = fields.Char(
        string="Status in the shop",
        readonly=True,
        help="publish, draft, trash... of the variable product (each variation "
        "has its own on its variant's binding)",
    )
    odoo_id = fields.Many2one(
        "product.template",
        string="Odoo Product Template",
        required=True,
        index=True,
        ondelete="cascade",
    )

    _external_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A product template is already bound to this product of the shop.",
    )
    _odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This product template is already bound to a product of this shop.",
    )


class ProductTemplate(models.Model):
    _inherit = "product.template"

    demo_shop_template_bind_ids = fields.One2many(
        "demo.shop.product.template",
        "odoo_id",
        string="Demo Shop Variable Product Bindings",
        groups="connector.group_connector_manager",
    )
