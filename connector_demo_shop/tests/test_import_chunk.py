# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Orders imported in chunks from the real demo shop: one listing request
(``include``) reads a chunk, each order imported with its lines."""

from unittest.mock import patch

from odoo.exceptions import ValidationError

from odoo.addons.connector.tests.common import recorded_queries
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase

ORDER = "demo.shop.sale.order"


class TestImportChunk(DemoShopCase):
    reset_shop_each_test = False

    def _adapter_class(self):
        with self.backend.work_on(ORDER) as work:
            return type(work.component(usage="backend.adapter"))

    def test_read_many_uses_include(self):
        """read_many answers the asked orders only, in one request."""
        orders = self.shop_get("/orders", per_page=5, orderby="id", order="asc")
        wanted = [str(order["id"]) for order in orders[1:4]] + ["999999"]
        adapter_class = self._adapter_class()
        calls = []
        search_page = adapter_class.search_page

        def counted(adapter, params):
            calls.append(params)
            return search_page(adapter, params)

        with (
            patch.object(adapter_class, "search_page", counted),
            self.backend.work_on(ORDER) as work,
        ):
            found = work.component(usage="backend.adapter").read_many(wanted)
        self.assertEqual(sorted(found), sorted(wanted[:3]))
        self.assertEqual(found[wanted[0]]["id"], orders[1]["id"])
        self.assertEqual(len(calls), 1)

    def test_batch_of_orders_in_chunks(self):
        """Chunks of 50: the batch enqueues import_chunk jobs; one chunk reads
        its orders in one request and imports each with its lines."""
        self.backend.import_chunk_size = 50
        model = self.env[ORDER]
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            chunks = [
                job for job in trap.enqueued_jobs if job.method_name == "import_chunk"
            ]
        self.assertTrue(chunks)
        self.assertTrue(all(1 < len(job.args[1]) <= 50 for job in chunks))
        chunk = chunks[0]
        adapter_class = self._adapter_class()
        calls = []
        search_page, read = adapter_class.search_page, adapter_class.read

        def count_page(adapter, params):
            calls.append("list")
            return search_page(adapter, params)

        def count_read(adapter, external_id, params=None):
            calls.append("read")
            return read(adapter, external_id, params=params)

        with (
            patch.object(adapter_class, "search_page", count_page),
            patch.object(adapter_class, "read", count_read),
            trap_jobs() as trap,
        ):
            message = chunk.perform()
            split = [job.args[1] for job in trap.enqueued_jobs]
        self.assertEqual(calls, ["list"])
        bindings = model.search(
            [("backend_id", "=", self.backend.id), ("external_id", "in", chunk.args[1])]
        )
        self.assertTrue(bindings)
        self.assertFalse(set(split) & set(bindings.mapped("external_id")))
        self.assertIn(f"{len(bindings)} records imported", message)
        for binding in bindings:
            self.assertTrue(binding.order_line, binding.external_id)

    def test_chunk_shares_lookups(self):
        """The orders of a chunk share what they look up: one search per
        currency and pricelist, not one per order; the known customers and
        products read together, with the company-dependent fields of the
        customers and their contacts (an order's fiscal position), not per
        order."""
        listed = self.shop_get("/orders", per_page=30, orderby="id", order="asc")
        orders = [
            order
            for order in listed
            if order["status"] in ("processing", "completed", "on-hold")
            and order["customer_id"]
        ][:6]
        customers = {order["customer_id"] for order in orders}
        self.assertGreater(len(customers), 1)
        for customer_id in customers:
            self.import_record("demo.shop.res.partner", customer_id)
        products = {
            str(item["variation_id"] or item["product_id"])
            for order in orders
            for item in order["line_items"]
        }
        for product_id in products:
            self.import_record("demo.shop.product.product", product_id)
        # the chunk's job begins with nothing in the ORM's cache
        self.env.invalidate_all()
        with recorded_queries() as queries, trap_jobs() as trap:
            message = self.env[ORDER].import_chunk(
                self.backend, [str(order["id"]) for order in orders]
            )
        self.assertFalse(trap.enqueued_jobs, message)
        self.assertIn(f"{len(orders)} records imported", message)
        currency_searches = [
            q for q in queries if 'FROM "res_currency" WHERE "res_currency"."name"' in q
        ]
        self.assertEqual(
            len(currency_searches), len({order["currency"] for order in orders})
        )
        pricelist_searches = [
            q for q in queries if q.startswith('SELECT "product_pricelist"."id" FROM')
        ]
        self.assertEqual(len(pricelist_searches), len(currency_searches))
        partner_reads = [
            q
            for q in queries
            if q.startswith('SELECT "res_partner"."id"')
            and '"res_partner"."barcode"' in q
        ]
        self.assertEqual(len(partner_reads), 1, partner_reads)
        # the customers and products, bound before the chunk, read together
        # by it: no record looks them up one by one
        lookups = [
            q
            for q in queries
            for table in ("demo_shop_product_product", "demo_shop_res_partner")
            if q.startswith(f'SELECT "{table}"."id" FROM')
            and f'"{table}"."external_id" = ' in q
        ]
        self.assertEqual(lookups, [])

    def test_chunk_size_bounds(self):
        """Records per Import Job is between 1 and 100, and the error says so."""
        for size in (0, 101):
            with self.assertRaisesRegex(ValidationError, "between 1 and 100"):
                self.backend.import_chunk_size = size

    def test_chunk_jobs_run_with_the_imports(self):
        """import_chunk jobs run in the import channel, as import_record."""
        functions = self.env["queue.job.function"]
        for model_name in (ORDER, "demo.shop.res.partner", "demo.shop.product.product"):
            config = functions.job_config(f"<{model_name}>.import_chunk")
            self.assertEqual(config.channel, "root.demo_shop.import", model_name)
