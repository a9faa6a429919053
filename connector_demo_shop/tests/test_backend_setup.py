# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase

ODOO_URL = "http://127.0.0.1:8069"


class TestBackendSetup(DemoShopCase):
    """``demo.shop.backend.setup_demo``: the main job's set-up in one call."""

    reset_shop_each_test = True

    def _setup(self):
        with trap_jobs() as trap:
            backend = self.env["demo.shop.backend"].setup_demo(
                self.shop_url, self.shop_key, self.shop_secret, ODOO_URL
            )
        return backend, trap

    def _first_customer(self):
        return self.shop_get("/customers", per_page=1, orderby="id", order="asc")[0]

    def test_setup_demo(self):
        """The backend points at the shop, a partner waits to be matched, the
        shop's webhooks call Odoo's URL and the three imports are enqueued."""
        backend, trap = self._setup()
        self.assertEqual(backend.name, "Demo Shop")
        self.assertEqual(backend.url, self.shop_url)
        self.assertEqual(backend.sudo().consumer_key, self.shop_key)
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("web.base.url"), ODOO_URL)
        self.assertEqual(params.get_param("web.base.url.freeze"), "True")
        first = self._first_customer()
        partner = self.env["res.partner"].search([("email", "=", first["email"])])
        self.assertEqual(len(partner), 1)
        self.assertIn("(already in Odoo)", partner.name)
        hooks = self.shop_get("/webhooks", status="all", per_page=100)
        delivery_urls = {hook["delivery_url"] for hook in hooks}
        self.assertEqual(delivery_urls, {backend.webhook_url})
        self.assertTrue(backend.webhook_url.startswith(ODOO_URL + "/"))
        enqueued = {job.recordset._name for job in trap.enqueued_jobs}
        self.assertEqual(
            enqueued,
            {
                "demo.shop.res.partner",
                "demo.shop.product.product",
                "demo.shop.sale.order",
            },
        )

    def test_setup_demo_twice(self):
        """A second run reuses the backend, the partner and the webhooks."""
        backend, _trap = self._setup()
        hooks = self.shop_get("/webhooks", status="all", per_page=100)
        again, trap = self._setup()
        self.assertEqual(again, backend)
        self.assertEqual(
            self.env["demo.shop.backend"].search_count([("name", "=", "Demo Shop")]), 1
        )
        first = self._first_customer()
        self.assertEqual(
            self.env["res.partner"].search_count([("email", "=", first["email"])]), 1
        )
        self.assertEqual(
            len(self.shop_get("/webhooks", status="all", per_page=100)), len(hooks)
        )
        self.assertEqual(len(trap.enqueued_jobs), 3)
