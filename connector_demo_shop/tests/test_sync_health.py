# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The smart buttons of the demo shop backend: their counts and what they open.

The buttons of the framework's health mixin (jobs, checkpoints) are tested
on its own test backend, in ``test_connector``.
"""

from .common import DemoShopCase


class TestSyncHealth(DemoShopCase):
    reset_shop_each_test = False

    def setUp(self):
        super().setUp()
        self.order = self.shop_order_with(status="completed")
        # one order: its customer and its products come as dependencies
        self.import_record("demo.shop.sale.order", self.order["id"])
        self.other = self.env["demo.shop.backend"].create(
            {"name": "Other Shop", "url": self.shop_url}
        )

    def test_binding_counts_and_actions(self):
        """One button per binding model counts and opens this backend's bindings."""
        products = {str(line["product_id"]) for line in self.order["line_items"]}
        expected = {
            "demo.shop.res.partner": ("customer_binding_count", 1),
            "demo.shop.product.product": ("product_binding_count", len(products)),
            "demo.shop.sale.order": ("order_binding_count", 1),
        }
        for model_name, (field_name, count) in expected.items():
            self.assertEqual(self.backend[field_name], count, field_name)
            self.assertEqual(self.other[field_name], 0, field_name)
            action = self.backend.with_context(
                binding_model=model_name
            ).action_open_bindings()
            self.assertEqual(action["res_model"], model_name)
            found = self.env[model_name].search(action["domain"])
            self.assertEqual(len(found), count)
            self.assertEqual(found.backend_id, self.backend)
        self.assertEqual(self.backend.health_binding_count, 2 + len(products))
        self.assertTrue(self.backend.health_last_sync)
        self.assertIn("Demo Shop Order", self.backend.health_summary)
        self.assertNotIn("Order Line", self.backend.health_summary)
