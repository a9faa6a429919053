# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestImportIncremental(DemoShopCase):
    def test_products_modified_after_watermark(self):
        """A later product batch uses modified_after and enqueues only the changes."""
        model = self.env["demo.shop.product.product"]
        self._import_from_newest_product(model)
        first, second = self.shop_get(
            "/products", per_page=2, orderby="id", order="asc"
        )
        self.shop_put(f"/products/{first['id']}", {"regular_price": "12.00"})
        self.shop_put(f"/products/{second['id']}", {"name": "Renamed product"})
        with trap_jobs() as trap:
            result = model.import_batch(self.backend)
            trap.assert_jobs_count(2)
            trap.assert_enqueued_job(
                model.import_record, args=(self.backend, str(first["id"]))
            )
            trap.assert_enqueued_job(
                model.import_record, args=(self.backend, str(second["id"]))
            )
            trap.perform_enqueued_jobs()
        # the shop filtered: the two changed products, plus the newest ones of
        # the first import inside the overlap window, not the 120 products
        self.assertLess(int(result.split()[0]), 10)
        self.assertEqual(self.binding(model._name, first["id"]).list_price, 12.0)
        self.assertEqual(
            self.binding(model._name, second["id"]).name, "Renamed product"
        )

    def test_overlap_does_not_reimport(self):
        """Records listed again by the watermark overlap are not enqueued twice."""
        model = self.env["demo.shop.product.product"]
        self._import_from_newest_product(model)
        newest = self.backend.import_products_since
        with trap_jobs() as trap:
            result = model.import_batch(self.backend)
            trap.assert_jobs_count(0)
        # the newest product is inside the overlap window: listed, not enqueued
        self.assertGreater(int(result.split()[0]), 0)
        self.assertEqual(self.backend.import_products_since, newest)

    def test_orders_modified_after_watermark(self):
        """Orders use the same watermark: a status change in the shop is re-imported."""
        model = self.env["demo.shop.sale.order"]
        self.backend.import_orders_since = "2030-01-01 00:00:00"
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.assert_jobs_count(0)
        order = self.shop_order_with(status="processing")
        # an hour later: the orders the seed created just now are then older
        # than the watermark's overlap
        self.shop.set_clock(offset=3600)
        self.addCleanup(self.shop.reset_clock)
        self.backend.import_orders_since = self._shop_now()
        self.shop_put(f"/orders/{order['id']}", {"status": "completed"})
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                model.import_record, args=(self.backend, str(order["id"]))
            )

    def _import_from_newest_product(self, model):
        """Put the watermark on the newest product; import what the overlap lists."""
        newest = max(
            product["date_modified_gmt"]
            for page in (1, 2)
            for product in self.shop_get("/products", per_page=100, page=page)
        )
        self.backend.import_products_since = newest.replace("T", " ")
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            self.assertGreater(trap.jobs_count(), 0)
            trap.perform_enqueued_jobs()

    def _shop_now(self):
        return self.shop_admin("GET", "/demo-shop/status")["now"].replace("T", " ")
