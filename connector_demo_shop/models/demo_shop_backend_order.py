# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


class DemoShopBackend(models.Model):
    """What the backend needs to import orders: its tax mapping and fee product."""

    _inherit = "demo.shop.backend"

    tax_rate_ids = fields.One2many(
        "demo.shop.tax.rate",
        "backend_id",
        string="Tax Rates",
        help="Odoo tax of each tax rate of the shop. Rows are added when an "
        "order brings an unknown rate; change their tax to use another.",
    )
    fee_product_id = fields.Many2one(
        "product.product",
        default=lambda self: self.env.ref(
            "connector_demo_shop.product_demo_shop_fee", raise_if_not_found=False
        ),
        help="Product of the order lines created for the shop's fee lines.",
    )

    # meant to be overridden: currencies the demo shop sells in
    _demo_currencies = ("EUR", "USD")

    @api.model
    def _setup_demo_backend(self, url, key, secret):
        """The demo backend, with the currencies of the demo shop's orders
        activated (an order in an inactive currency is not imported)."""
        backend = super()._setup_demo_backend(url, key, secret)
        currencies = (
            self.env["res.currency"]
            .sudo()
            .with_context(active_test=False)
            .search([("name", "in", list(self._demo_currencies))])
        )
        currencies.write({"active": True})
        return backend
