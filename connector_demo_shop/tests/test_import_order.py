# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from collections import Counter
from decimal import Decimal

from odoo.addons.connector.tests.common import recorded_queries
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestImportOrder(DemoShopCase):
    def _order_binding(self, order):
        return self.binding("demo.shop.sale.order", order["id"])

    def test_unknown_customer_and_products_are_imported_first(self):
        """An order imports its unknown customer and products as dependencies."""
        order = self.shop_order_with(status="completed")
        self.assertFalse(self.binding("demo.shop.res.partner", order["customer_id"]))
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self._order_binding(order)
        customer = self.binding("demo.shop.res.partner", order["customer_id"])
        self.assertTrue(customer)
        self.assertEqual(binding.partner_id, customer.odoo_id)
        for item in order["line_items"]:
            self.assertTrue(
                self.binding("demo.shop.product.product", item["product_id"])
            )

    def test_bound_dependencies_looked_up_once(self):
        """An order whose customer and products are bound looks each of them
        up once: the mapping takes what the dependency step found."""
        order = self.shop_order_with(status="completed")
        self.import_record("demo.shop.res.partner", order["customer_id"])
        products = {
            str(item["variation_id"] or item["product_id"])
            for item in order["line_items"]
        }
        for product_id in products:
            self.import_record("demo.shop.product.product", product_id)
        with recorded_queries() as queries:
            self.import_record("demo.shop.sale.order", order["id"])
        lookups = Counter(
            table
            for query in queries
            for table in ("demo_shop_product_product", "demo_shop_res_partner")
            if query.startswith(f'SELECT "{table}"."id" FROM')
            and f'"{table}"."external_id" = ' in query
        )
        binding = self._order_binding(order)
        self.assertEqual(
            len(binding.demo_shop_order_line_ids), len(order["line_items"])
        )
        self.assertEqual(
            dict(lookups),
            {
                "demo_shop_product_product": len(order["line_items"]),
                "demo_shop_res_partner": 1,
            },
        )

    def test_lines_amounts_and_status(self):
        """Line items become bound lines; totals match; completed means confirmed."""
        order = self.shop_order_with(status="completed")
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self._order_binding(order)
        self.assertEqual(
            len(binding.demo_shop_order_line_ids), len(order["line_items"])
        )
        self.assertEqual(
            sorted(binding.demo_shop_order_line_ids.mapped("external_id")),
            sorted(str(item["id"]) for item in order["line_items"]),
        )
        shipping = binding.order_line - binding.demo_shop_order_line_ids.odoo_id
        self.assertEqual(len(shipping), len(order["shipping_lines"]))
        self.assertEqual(shipping.product_id, self.backend.shipping_product_id)
        self.assertAlmostEqual(
            binding.amount_total, float(Decimal(order["total"])), places=2
        )
        self.assertEqual(binding.shop_total, float(Decimal(order["total"])))
        self.assertEqual(binding.client_order_ref, order["number"])
        self.assertEqual(binding.state, "sale")
        self.assertEqual(binding.shop_status, "completed")

    def test_discounted_line(self):
        """A line whose total is below its subtotal keeps the shop's net amount."""
        order = next(
            order
            for order in self.shop_get("/orders", per_page=100)
            if any(item["total"] != item["subtotal"] for item in order["line_items"])
        )
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self._order_binding(order)
        for item in order["line_items"]:
            line = binding.demo_shop_order_line_ids.filtered(
                lambda line, item=item: line.external_id == str(item["id"])
            )
            self.assertAlmostEqual(line.price_subtotal, float(item["total"]), places=2)

    def test_cancelled_and_pending_statuses(self):
        """A cancelled order is cancelled in Odoo; a pending one stays a quotation."""
        cancelled = self.shop_order_with(status="cancelled")
        pending = self.shop_order_with(status="pending")
        self.import_record("demo.shop.sale.order", cancelled["id"])
        self.import_record("demo.shop.sale.order", pending["id"])
        self.assertEqual(self._order_binding(cancelled).state, "cancel")
        self.assertEqual(self._order_binding(pending).state, "draft")

    def test_status_change_in_shop_is_followed(self):
        """Re-importing an order completed in the shop confirms it, lines untouched."""
        order = self.shop_order_with(status="pending")
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self._order_binding(order)
        lines = binding.order_line
        self.shop_put(f"/orders/{order['id']}", {"status": "completed"})
        self.import_record("demo.shop.sale.order", order["id"], force=True)
        self.assertEqual(binding.state, "sale")
        self.assertEqual(binding.shop_status, "completed")
        self.assertEqual(binding.order_line, lines)

    def test_guest_order(self):
        """A guest order gets a partner from its billing e-mail, without a binding."""
        order = self.shop_order_with(customer_id=0)
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self._order_binding(order)
        self.assertEqual(binding.partner_id.email, order["billing"]["email"])
        self.assertFalse(binding.partner_id.sudo().demo_shop_bind_ids)

    def test_full_import_of_orders(self):
        """The order batch enqueues one job per order; they import every order."""
        model = self.env["demo.shop.sale.order"]
        count = len(self._all_orders())
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.assert_jobs_count(count, only=model.import_record)
            trap.perform_enqueued_jobs()
        self.assertEqual(
            model.search_count([("backend_id", "=", self.backend.id)]), count
        )
        self.assertEqual(
            self.env["demo.shop.res.partner"].search_count(
                [("backend_id", "=", self.backend.id)]
            ),
            len({o["customer_id"] for o in self._all_orders() if o["customer_id"]}),
        )

    def _all_orders(self):
        return [
            order
            for page in (1, 2, 3)
            for order in self.shop_get("/orders", per_page=100, page=page)
        ]
