# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from datetime import datetime, timezone

from odoo.addons.connector.exception import IDMissingInBackend
from odoo.addons.connector_demo_shop.components.adapter import parse_retry_after

from .common import DemoShopCase


class TestAdapter(DemoShopCase):
    reset_shop_each_test = False

    def test_pages_are_followed(self):
        """search() follows X-WP-TotalPages and returns every record exactly once."""
        with self.backend.work_on("demo.shop.product.product") as work:
            adapter = work.component(usage="backend.adapter")
            adapter.client.per_page = 25
            ids = [product["id"] for product in adapter.search({"orderby": "id"})]
        self.assertEqual(len(ids), 120)
        self.assertEqual(len(set(ids)), 120)
        self.assertEqual(ids, sorted(ids, reverse=True))  # the shop's default: desc

    def test_read_missing_raises_id_missing(self):
        """A 404 on a record raises IDMissingInBackend, naming the request."""
        with self.backend.work_on("demo.shop.res.partner") as work:
            adapter = work.component(usage="backend.adapter")
            with self.assertRaisesRegex(IDMissingInBackend, "customers/999999"):
                adapter.read(999999)

    def test_retry_after_formats(self):
        """Retry-After is read as seconds or as an HTTP date; garbage gives None."""
        now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
        self.assertEqual(parse_retry_after("45"), 45)
        self.assertEqual(
            parse_retry_after("Thu, 01 Jan 2026 12:01:30 GMT", now=now), 90
        )
        self.assertEqual(parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now=now), 0)
        self.assertIsNone(parse_retry_after("soon"))
        self.assertIsNone(parse_retry_after(None))
