# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The smart buttons of the demo shop backend: their counts and what they open."""

from odoo import fields

from odoo.addons.connector.models.checkpoint import add_checkpoint

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

    def _jobs(self):
        """Two pending, one failed, one done today on the backend; one elsewhere."""
        model = self.env["demo.shop.res.partner"]
        delayed = [
            model.with_delay().import_record(self.backend, "1"),
            model.with_delay().import_record(self.backend, "2"),
            model.with_delay().import_record(self.backend, "3"),
            model.with_delay().import_record(self.backend, "4"),
            model.with_delay().import_record(self.other, "1"),
        ]
        jobs = (
            self.env["queue.job"]
            .search([("uuid", "in", [job.uuid for job in delayed])])
            .sorted("id")
        )
        jobs[2].state = "failed"
        jobs[3].write({"state": "done", "date_done": fields.Datetime.now()})
        return jobs

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

    def test_job_counts_and_actions(self):
        """Pending, failed and done today jobs: counted and opened per backend."""
        jobs = self._jobs()
        self.backend.invalidate_recordset()
        self.assertEqual(self.backend.health_job_pending_count, 2)
        self.assertEqual(self.backend.health_job_failed_count, 1)
        self.assertEqual(self.backend.health_job_done_today_count, 1)
        self.assertEqual(self.other.health_job_pending_count, 1)
        expected = {
            "action_open_jobs_pending": jobs[0:2],
            "action_open_jobs_failed": jobs[2],
            "action_open_jobs_done_today": jobs[3],
        }
        for method, records in expected.items():
            action = getattr(self.backend, method)()
            self.assertEqual(action["res_model"], "queue.job")
            self.assertEqual(self.env["queue.job"].search(action["domain"]), records)

    def test_checkpoints(self):
        """Checkpoints to review of this backend are counted and opened."""
        partner = self.binding(
            "demo.shop.res.partner", self.order["customer_id"]
        ).odoo_id
        backend = self.backend
        # the import may already have asked for reviews (new products)
        before = backend.health_checkpoint_count
        add_checkpoint(self.env, "res.partner", partner.id, backend._name, backend.id)
        reviewed = add_checkpoint(
            self.env, "res.partner", partner.id, backend._name, backend.id
        )
        reviewed.reviewed()
        add_checkpoint(
            self.env, "res.partner", partner.id, backend._name, self.other.id
        )
        backend.invalidate_recordset()
        self.assertEqual(backend.health_checkpoint_count, before + 1)
        action = backend.action_open_checkpoints()
        self.assertEqual(action["res_model"], "connector.checkpoint")
        found = self.env["connector.checkpoint"].search(action["domain"])
        self.assertEqual(len(found), before + 1)
        self.assertEqual(set(found.mapped("backend_id")), {backend})
        self.assertEqual(set(found.mapped("state")), {"need_review"})
