# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, models


class DemoShopBackendSetup(models.Model):
    """The main job's set-up of a demo: one call from ``odoo shell`` or a script."""

    _inherit = "demo.shop.backend"

    @api.model
    def setup_demo(self, shop_url, key, secret, odoo_url):
        """Point the "Demo Shop" backend at a running shop and start importing.

        Creates (or reuses) the backend, lets the shop's webhooks call
        ``odoo_url``, registers them, and enqueues the import of customers,
        products and orders. Before that, a partner with the e-mail of the
        shop's first customer is created in Odoo (if none exists): the import
        matches it and opens a checkpoint, so the review screens have
        something to show. The caller commits::

            backend = env["demo.shop.backend"].setup_demo(
                "http://127.0.0.1:8079", "ck_demo_...", "cs_demo_...",
                "http://127.0.0.1:8069",
            )
            env.cr.commit()

        :param shop_url: home URL of the shop
        :param key: the shop's REST API consumer key
        :param secret: the shop's REST API consumer secret
        :param odoo_url: the URL at which the shop reaches this Odoo
        :return: the backend
        """
        backend = self._setup_demo_backend(shop_url, key, secret)
        backend._prepare_demo_match()
        backend._set_demo_base_url(odoo_url)
        backend.invalidate_recordset(["webhook_url"])
        backend.action_register_webhooks()
        backend.action_import_all()
        return backend

    def _prepare_demo_match(self):
        """Create a partner sharing the e-mail of the shop's first customer."""
        self.ensure_one()
        customers = self._get_client().get(
            "customers", params={"per_page": 1, "orderby": "id", "order": "asc"}
        )
        if not customers or not customers[0].get("email"):
            return self.env["res.partner"]
        first = customers[0]
        partners = self.env["res.partner"].sudo().with_context(active_test=False)
        existing = partners.search([("email", "=", first["email"])], limit=1)
        if existing:
            return existing
        name = self.env._("%(name)s (already in Odoo)", name=first.get("first_name"))
        return partners.create({"name": name, "email": first["email"]})

    @api.model
    def _set_demo_base_url(self, odoo_url):
        """Make ``odoo_url`` the URL sent to the shop (webhooks, links)."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("web.base.url", odoo_url)
        params.set_param("web.base.url.freeze", "True")
