# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestImportCustomer(DemoShopCase):
    def test_batch_enqueues_one_job_per_customer(self):
        """A customer batch scans all pages and enqueues one job per customer."""
        model = self.env["demo.shop.res.partner"]
        with trap_jobs() as trap:
            model.import_batch(self.backend)
        trap.assert_jobs_count(self.shop_count("customers"), only=model.import_record)
        trap.assert_enqueued_job(
            model.import_record,
            args=(
                self.backend,
                str(self.shop_get("/customers", orderby="id")[0]["id"]),
            ),
        )
        self.assertTrue(self.backend.import_customers_date)

    def test_full_import_creates_partners(self):
        """Performing the enqueued jobs imports all customers with their address."""
        with trap_jobs() as trap:
            self.env["demo.shop.res.partner"].import_batch(self.backend)
            trap.perform_enqueued_jobs()
        bindings = self.env["demo.shop.res.partner"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(bindings), self.shop_count("customers"))
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        binding = self.binding("demo.shop.res.partner", customer["id"])
        self.assertEqual(binding.email, customer["email"])
        self.assertEqual(
            binding.name, f"{customer['first_name']} {customer['last_name']}"
        )
        self.assertEqual(binding.city, customer["billing"]["city"] or False)
        self.assertEqual(binding.country_id.code, customer["billing"]["country"])
        self.assertTrue(binding.sync_date)

    def test_second_scan_enqueues_only_changed_customers(self):
        """The full scan skips customers unchanged since their import."""
        model = self.env["demo.shop.res.partner"]
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.perform_enqueued_jobs()
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.shop_put(f"/customers/{customer['id']}", {"first_name": "Renamed"})
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                model.import_record, args=(self.backend, str(customer["id"]))
            )
            trap.perform_enqueued_jobs()
        binding = self.binding("demo.shop.res.partner", customer["id"])
        self.assertTrue(binding.name.startswith("Renamed "))

    def test_change_in_the_second_of_its_import_is_imported(self):
        """The shop's dates are to the second, and a webhook's import runs
        within the second of the change: a second change in that second has
        the date the import kept, and is still imported, by a job or a scan."""
        self.shop_admin("POST", "/demo-shop/clock", json={"now": "2026-11-02T10:00:00"})
        self.addCleanup(self.shop_admin, "DELETE", "/demo-shop/clock")
        model = self.env["demo.shop.res.partner"]
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        path = f"/customers/{customer['id']}"
        self.shop_put(path, {"first_name": "Before"})
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.perform_enqueued_jobs()
        self.shop_put(path, {"first_name": "After"})
        self.assertIn("Imported", self.import_record(model._name, customer["id"]))
        binding = self.binding(model._name, customer["id"])
        self.assertTrue(binding.name.startswith("After "))
        self.assertEqual(
            self.import_record(model._name, customer["id"]), "Already up to date."
        )
        self.shop_put(path, {"first_name": "Again"})
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            self.assertEqual(
                [job.args[1] for job in trap.enqueued_jobs], [str(customer["id"])]
            )
            trap.perform_enqueued_jobs()
        self.assertTrue(binding.name.startswith("Again "))
        self.assertEqual(str(binding.shop_date_modified), "2026-11-02 10:00:00")

    def test_import_is_idempotent(self):
        """Importing the same customer twice keeps one binding and one partner."""
        customer = self.shop_get("/customers", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        result = self.import_record("demo.shop.res.partner", customer["id"], force=True)
        self.assertIn("Imported", result)
        bindings = self.env["demo.shop.res.partner"].search(
            [("external_id", "=", str(customer["id"]))]
        )
        self.assertEqual(len(bindings), 1)
        self.assertEqual(
            self.import_record("demo.shop.res.partner", customer["id"]),
            "Already up to date.",
        )

    def test_concurrent_duplicate_is_retried(self):
        """A binding created meanwhile by another job makes the import retry."""
        customer = self.shop_get("/customers", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        with self.backend.work_on("demo.shop.res.partner") as work:
            importer = work.component(usage="record.importer")
            importer.external_id = str(customer["id"])
            values = {
                "name": "Duplicate",
                "backend_id": self.backend.id,
                "external_id": str(customer["id"]),
            }
            with (
                mute_logger("odoo.sql_db"),  # the duplicate's INSERT is the point
                self.assertRaises(RetryableJobError),
                self.env.cr.savepoint(),
                importer._retry_unique_violation(),
            ):
                importer._create(values)
