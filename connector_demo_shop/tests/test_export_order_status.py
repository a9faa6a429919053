# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestExportOrderStatus(DemoShopCase):
    def setUp(self):
        super().setUp()
        self.shop_order = self.shop_order_with(status="pending")
        self.import_record("demo.shop.sale.order", self.shop_order["id"])
        self.binding = self.binding("demo.shop.sale.order", self.shop_order["id"])

    def test_confirm_enqueues_status_export(self):
        """Confirming an imported order enqueues the export of its state."""
        with trap_jobs() as trap:
            self.binding.odoo_id.action_confirm()
            trap.assert_enqueued_job(
                self.binding.sudo().export_record, kwargs={"fields": ["state"]}
            )

    def test_confirm_sets_processing_in_shop(self):
        """The status export turns a confirmed order into 'processing' in the shop."""
        with trap_jobs() as trap:
            self.binding.odoo_id.action_confirm()
            trap.perform_enqueued_jobs()
        self.assertEqual(
            self.shop_get(f"/orders/{self.shop_order['id']}")["status"], "processing"
        )
        self.assertEqual(self.binding.shop_status, "processing")

    def test_cancel_sets_cancelled_in_shop(self):
        """Cancelling an imported order cancels it in the shop."""
        with trap_jobs() as trap:
            self.binding.odoo_id._action_cancel()
            trap.perform_enqueued_jobs()
        self.assertEqual(
            self.shop_get(f"/orders/{self.shop_order['id']}")["status"], "cancelled"
        )

    def test_import_of_status_is_not_sent_back(self):
        """An order confirmed by the import itself enqueues no export."""
        order = self.shop_order_with(status="processing")
        with trap_jobs() as trap:
            self.import_record("demo.shop.sale.order", order["id"])
            trap.assert_jobs_count(0)

    def test_salesman_confirmation_reaches_shop(self):
        """A salesman without access to bindings still exports the status he changed."""
        salesman = new_test_user(
            self.env,
            login="demo_shop_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        with trap_jobs() as trap:
            self.binding.odoo_id.with_user(salesman).action_confirm()
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        self.assertEqual(
            self.shop_get(f"/orders/{self.shop_order['id']}")["status"], "processing"
        )

    def test_order_not_from_shop_is_not_exported(self):
        """An order binding without shop id is never created in the shop."""
        binding = (
            self.env["demo.shop.sale.order"]
            .with_context(connector_no_export=True)
            .create(
                {
                    "backend_id": self.backend.id,
                    "partner_id": self.binding.partner_id.id,
                }
            )
        )
        self.assertIn("not imported", binding.export_record(fields=["state"]))
