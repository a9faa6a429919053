# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The Resync button of a binding form enqueues the forced import of its record."""

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestResync(DemoShopCase):
    reset_shop_each_test = False

    def test_resync_enqueues_forced_import(self):
        """Resync on customer, product and order bindings enqueues import_record."""
        order = self.shop_order_with(status="completed")
        self.import_record("demo.shop.sale.order", order["id"])
        product_id = order["line_items"][0]["product_id"]
        cases = {
            "demo.shop.sale.order": order["id"],
            "demo.shop.res.partner": order["customer_id"],
            "demo.shop.product.product": product_id,
        }
        for model_name, external_id in cases.items():
            binding = self.binding(model_name, external_id)
            with trap_jobs() as trap:
                action = binding.action_resync()
                trap.assert_jobs_count(1)
                trap.assert_enqueued_job(
                    binding.import_record,
                    args=(self.backend, str(external_id)),
                    kwargs={"force": True},
                )
            self.assertEqual(action["tag"], "display_notification")

    def test_resync_button_on_binding_forms(self):
        """Each binding form has the Resync button in its header."""
        for model_name in self.backend._get_binding_models():
            arch = self.env[model_name].get_view(view_type="form")["arch"]
            self.assertIn('name="action_resync"', arch, model_name)
