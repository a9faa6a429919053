# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.connector.exception import IDMissingInBackend

from .common import DemoShopCase


class TestAdapter(DemoShopCase):
    reset_shop_each_test = False

    def test_pages_are_followed(self):
        """search() follows X-WP-TotalPages and returns every record exactly once."""
        with self.backend.work_on("demo.shop.product.product") as work:
            adapter = work.component(usage="backend.adapter")
            adapter.client.per_page = 25
            ids = [product["id"] for product in adapter.search({"orderby": "id"})]
        count = self.shop_count("products")
        self.assertGreater(count, 25)
        self.assertEqual(len(ids), count)
        self.assertEqual(len(set(ids)), count)
        self.assertEqual(ids, sorted(ids, reverse=True))  # the shop's default: desc

    def test_read_missing_raises_id_missing(self):
        """A 404 on a record raises IDMissingInBackend, naming the request."""
        with self.backend.work_on("demo.shop.res.partner") as work:
            adapter = work.component(usage="backend.adapter")
            with self.assertRaisesRegex(IDMissingInBackend, "customers/999999"):
                adapter.read(999999)
