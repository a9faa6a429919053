# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Exports of customers changed in the shop since the last sync: the policies."""

from datetime import timedelta

from odoo import fields

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase

CUSTOMER = "demo.shop.res.partner"


class TestConflictExport(DemoShopCase):
    def setUp(self):
        super().setUp()
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.customer_id = str(customer["id"])
        self.import_record(CUSTOMER, self.customer_id)
        self.customer_binding = self.binding(CUSTOMER, self.customer_id)
        self.partner = self.customer_binding.odoo_id
        # last synchronization a day ago; the Odoo change below is later
        self.last_sync = fields.Datetime.now() - timedelta(days=1)
        self.customer_binding.with_context(
            connector_no_export=True
        ).sync_date = self.last_sync
        self.partner.with_context(connector_no_export=True).city = "Odoo City"

    def _changed_in_shop(self):
        self.shop_put(
            f"/customers/{self.customer_id}", {"billing": {"city": "Shop City"}}
        )

    def _shop_city(self):
        return self.shop_get(f"/customers/{self.customer_id}")["billing"]["city"]

    def _checkpoints(self):
        return self.env["connector.checkpoint"].search(
            [("model_name", "=", "res.partner"), ("record_id", "=", self.partner.id)]
        )

    def test_hold_sends_nothing(self):
        """Changed in the shop too, hold: not exported, checkpoint, sync date kept."""
        self._changed_in_shop()
        result = self.customer_binding.export_record(fields=["city"])
        self.assertIn("not exported", result)
        self.assertEqual(self._shop_city(), "Shop City")
        self.assertEqual(self.customer_binding.sync_date, self.last_sync)
        checkpoint = self._checkpoints()
        self.assertEqual(len(checkpoint), 1)
        self.assertIn("city", checkpoint.message_ids.mapped("body")[0])

    def test_odoo_wins_overwrites_the_shop(self):
        """Odoo wins: the Odoo value is sent despite the shop's change."""
        self.backend.conflict_policy_customer = "odoo_wins"
        self._changed_in_shop()
        self.customer_binding.export_record(fields=["city"])
        self.assertEqual(self._shop_city(), "Odoo City")
        self.assertGreater(self.customer_binding.sync_date, self.last_sync)
        self.assertFalse(self._checkpoints())

    def test_remote_wins_skips_and_imports(self):
        """Shop wins: not exported, the shop's version is imported instead."""
        self.backend.conflict_policy_customer = "remote_wins"
        self._changed_in_shop()
        with trap_jobs() as trap:
            result = self.customer_binding.export_record(fields=["city"])
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                self.customer_binding.import_record,
                args=(self.backend, self.customer_id),
                kwargs={"force": True},
            )
            self.assertIn("not exported", result)
            self.assertEqual(self._shop_city(), "Shop City")
            trap.perform_enqueued_jobs()
        self.assertEqual(self.partner.city, "Shop City")

    def test_only_odoo_changed_is_exported(self):
        """The shop did not change since the last sync: exported even with hold."""
        self.customer_binding.export_record(fields=["city"])
        self.assertEqual(self._shop_city(), "Odoo City")
        self.assertFalse(self._checkpoints())
