# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestImportProduct(DemoShopCase):
    def test_full_import_creates_products(self):
        """A first product batch lists all products; its jobs create them all."""
        model = self.env["demo.shop.product.product"]
        count = self.shop_count("products")
        with trap_jobs() as trap:
            result = model.import_batch(self.backend)
            trap.assert_jobs_count(count, only=model.import_record)
            trap.perform_enqueued_jobs()
        self.assertIn(f"{count} records listed", result)
        # a simple product is bound as itself, a variable one by its variations
        products = self._all_shop_products()
        self.assertEqual(len(products), count)
        expected = sum(
            len(product["variations"]) if product["type"] == "variable" else 1
            for product in products
        )
        bindings = model.search([("backend_id", "=", self.backend.id)])
        self.assertEqual(len(bindings), expected)
        self.assertTrue(all(bindings.mapped("external_id")))
        templates = self.env["demo.shop.product.template"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(templates), sum(p["type"] == "variable" for p in products))

    def _all_shop_products(self):
        products, page = [], 1
        while True:
            batch = self.shop_get("/products", per_page=100, page=page)
            if not batch:
                return products
            products += batch
            page += 1

    def test_product_fields_and_money(self):
        """Name, SKU, status and the price string are mapped; money is exact."""
        product = self.shop_get("/products", per_page=1)[0]
        self.shop_put(f"/products/{product['id']}", {"regular_price": "9.5"})
        self.import_record("demo.shop.product.product", product["id"])
        binding = self.binding("demo.shop.product.product", product["id"])
        self.assertEqual(binding.name, product["name"])
        self.assertEqual(binding.default_code, product["sku"])
        self.assertEqual(binding.shop_status, product["status"])
        self.assertEqual(binding.list_price, 9.5)
        self.assertEqual(binding.type, "consu")

    def test_batch_sets_watermark(self):
        """The batch stores the newest date_modified_gmt it saw as the watermark."""
        with trap_jobs():
            self.env["demo.shop.product.product"].import_batch(self.backend)
        newest = max(
            product["date_modified_gmt"]
            for page in (1, 2)
            for product in self.shop_get("/products", per_page=100, page=page)
        )
        self.assertEqual(
            self.backend.import_products_since.strftime("%Y-%m-%dT%H:%M:%S"), newest
        )

    def test_missing_product_is_not_an_error(self):
        """Importing an id the shop does not know ends the job with a message."""
        result = self.import_record("demo.shop.product.product", 999999)
        self.assertIn("no longer exists", result)
        self.assertFalse(self.binding("demo.shop.product.product", 999999))
