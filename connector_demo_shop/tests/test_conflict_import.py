# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Imports of records changed both in Odoo and in the shop: the conflict policies."""

from datetime import timedelta

from odoo import fields

from .common import DemoShopCase

CUSTOMER = "demo.shop.res.partner"
PRODUCT = "demo.shop.product.product"


class TestConflictImport(DemoShopCase):
    def setUp(self):
        super().setUp()
        self.customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.customer_id = str(self.customer["id"])
        self.import_record(CUSTOMER, self.customer_id)
        self.customer_binding = self.binding(CUSTOMER, self.customer_id)
        self.partner = self.customer_binding.odoo_id
        self.last_sync = fields.Datetime.now() - timedelta(days=1)

    def _synced_yesterday(self, binding):
        """Last synchronization a day ago: later changes on both sides count."""
        binding.with_context(connector_no_export=True).sync_date = self.last_sync

    def _untouched_in_odoo(self, record):
        """The Odoo record did not change since the last synchronization."""
        self.env.flush_all()
        self.env.cr.execute(
            f'UPDATE "{record._table}" SET write_date = %s WHERE id = %s',
            (self.last_sync - timedelta(hours=1), record.id),
        )
        record.invalidate_recordset(["write_date"])

    def _both_changed(self):
        self._synced_yesterday(self.customer_binding)
        self.partner.with_context(connector_no_export=True).write(
            {"city": "Odoo City", "phone": "+33 1 11 11 11 11"}
        )
        self.shop_put(
            f"/customers/{self.customer_id}", {"billing": {"city": "Shop City"}}
        )

    def _checkpoints(self, record):
        return self.env["connector.checkpoint"].search(
            [("model_name", "=", record._name), ("record_id", "=", record.id)]
        )

    def test_hold_writes_nothing_and_lists_fields(self):
        """Hold (customers' default): nothing written, a checkpoint names the fields."""
        self._both_changed()
        result = self.import_record(CUSTOMER, self.customer_id)
        self.assertIn("hold", result)
        self.assertEqual(self.partner.city, "Odoo City")
        self.assertEqual(self.customer_binding.sync_date, self.last_sync)
        checkpoint = self._checkpoints(self.partner)
        self.assertEqual(len(checkpoint), 1)
        note = checkpoint.message_ids.mapped("body")[0]
        self.assertIn("city", note)
        self.assertIn("phone", note)
        self.assertNotIn("email", note)
        # seen again by the next scan: noted on the same checkpoint
        self.import_record(CUSTOMER, self.customer_id)
        self.assertEqual(len(self._checkpoints(self.partner)), 1)

    def test_remote_wins_overwrites(self):
        """Remote wins (set on the backend): the shop's values are imported."""
        self.backend.conflict_policy_customer = "remote_wins"
        self._both_changed()
        self.assertIn("Imported", self.import_record(CUSTOMER, self.customer_id))
        self.assertEqual(self.partner.city, "Shop City")
        self.assertGreater(self.customer_binding.sync_date, self.last_sync)
        self.assertFalse(self._checkpoints(self.partner))

    def test_odoo_wins_keeps_odoo_values(self):
        """Odoo wins: the Odoo values stay and are exported, without checkpoint."""
        self.backend.conflict_policy_customer = "odoo_wins"
        self._both_changed()
        result = self.import_record(CUSTOMER, self.customer_id)
        self.assertIn("odoo_wins", result)
        self.assertEqual(self.partner.city, "Odoo City")
        self.assertEqual(self.partner.phone, "+33 1 11 11 11 11")
        self.assertFalse(self._checkpoints(self.partner))
        exports = (
            self.env["queue.job"]
            .search(
                [("model_name", "=", CUSTOMER), ("method_name", "=", "export_record")]
            )
            .filtered(lambda job: job.records == self.customer_binding)
        )
        self.assertEqual(len(exports), 1, "Odoo's version is sent to the shop")

    def test_only_shop_changed_is_no_conflict(self):
        """Changed in the shop only: imported even with the hold policy."""
        self._synced_yesterday(self.customer_binding)
        self._untouched_in_odoo(self.partner)
        self.shop_put(
            f"/customers/{self.customer_id}", {"billing": {"city": "Shop City"}}
        )
        self.assertIn("Imported", self.import_record(CUSTOMER, self.customer_id))
        self.assertEqual(self.partner.city, "Shop City")
        self.assertFalse(self._checkpoints(self.partner))

    def test_same_values_on_both_sides_is_no_conflict(self):
        """Both sides changed to the same values: imported, no checkpoint."""
        self._synced_yesterday(self.customer_binding)
        self.partner.with_context(connector_no_export=True).city = "Same City"
        self.shop_put(
            f"/customers/{self.customer_id}", {"billing": {"city": "Same City"}}
        )
        self.assertIn("Imported", self.import_record(CUSTOMER, self.customer_id))
        self.assertFalse(self._checkpoints(self.partner))

    def test_products_remote_wins_by_default(self):
        """Products follow the shop by default; hold on the backend holds them."""
        product = self.shop_get("/products", orderby="id", order="asc", per_page=1)[0]
        self.import_record(PRODUCT, product["id"])
        binding = self.binding(PRODUCT, product["id"])
        self._synced_yesterday(binding)
        binding.odoo_id.with_context(connector_no_export=True).name = "Odoo name"
        self.shop_put(f"/products/{product['id']}", {"name": "Shop name"})
        self.assertIn("Imported", self.import_record(PRODUCT, product["id"]))
        self.assertEqual(binding.odoo_id.name, "Shop name")
        # now held: both sides change again
        self.backend.conflict_policy_product = "hold"
        self._synced_yesterday(binding)
        binding.odoo_id.with_context(connector_no_export=True).name = "Odoo again"
        self.shop_put(f"/products/{product['id']}", {"name": "Shop again"})
        self.assertIn("hold", self.import_record(PRODUCT, product["id"], force=True))
        self.assertEqual(binding.odoo_id.name, "Odoo again")
        checkpoint = self._checkpoints(binding.odoo_id)
        self.assertEqual(len(checkpoint), 1)
        self.assertIn("name", checkpoint.message_ids.mapped("body")[0])
