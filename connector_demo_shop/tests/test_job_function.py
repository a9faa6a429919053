# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.queue_job.job import Job

from .common import DemoShopCase


class TestJobFunction(DemoShopCase):
    reset_shop_each_test = False

    def test_channels_of_job_functions(self):
        """Imports run in root.demo_shop.import, exports in root.demo_shop.export."""
        functions = self.env["queue.job.function"]
        expected = {
            "<demo.shop.res.partner>.import_batch": "root.demo_shop.import",
            "<demo.shop.res.partner>.import_record": "root.demo_shop.import",
            "<demo.shop.res.partner>.export_record": "root.demo_shop.export",
            "<demo.shop.res.partner>.export_delete_record": "root.demo_shop.export",
            "<demo.shop.product.product>.import_record": "root.demo_shop.import",
            "<demo.shop.sale.order>.import_record": "root.demo_shop.import",
            "<demo.shop.sale.order>.export_record": "root.demo_shop.export",
        }
        for name, channel in expected.items():
            self.assertEqual(functions.job_config(name).channel, channel, name)

    def test_related_action_of_import_opens_record(self):
        """The related action of an import job opens the partner it imported."""
        customer = self.shop_get("/customers", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        binding = self.binding("demo.shop.res.partner", customer["id"])
        job = Job(
            self.env["demo.shop.res.partner"].import_record,
            args=(self.backend, str(customer["id"])),
        )
        job.store()
        action = job.db_record().open_related_action()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["res_id"], binding.odoo_id.id)

    def test_related_action_of_export_opens_record(self):
        """The related action of an export job opens the partner, not the binding."""
        customer = self.shop_get("/customers", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        binding = self.binding("demo.shop.res.partner", customer["id"])
        job = Job(binding.export_record, kwargs={"fields": ["city"]})
        job.store()
        action = job.db_record().open_related_action()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", binding.odoo_id.id)
        )
