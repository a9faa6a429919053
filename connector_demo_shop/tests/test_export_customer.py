# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.connector.exception import InvalidDataError
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestExportCustomer(DemoShopCase):
    def setUp(self):
        super().setUp()
        self.customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.import_record("demo.shop.res.partner", self.customer["id"])
        self.binding = self.binding("demo.shop.res.partner", self.customer["id"])
        self.model = self.env["demo.shop.res.partner"]

    def test_write_enqueues_export_of_changed_fields(self):
        """Writing an exported field of a bound partner enqueues its export."""
        with trap_jobs() as trap:
            self.binding.odoo_id.write({"city": "Lyon", "comment": "not exported"})
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                self.binding.sudo().export_record, kwargs={"fields": ["city"]}
            )

    def test_write_of_unexported_field_enqueues_nothing(self):
        """A change no export mapping reads is not sent to the shop."""
        with trap_jobs() as trap:
            self.binding.odoo_id.write({"comment": "internal note"})
            trap.assert_jobs_count(0)

    def test_import_writes_are_not_exported(self):
        """Writes made by an import (connector_no_export) enqueue no export."""
        self.shop_put(
            f"/customers/{self.customer['id']}", {"billing": {"city": "Gent"}}
        )
        with trap_jobs() as trap:
            self.import_record("demo.shop.res.partner", self.customer["id"])
            trap.assert_jobs_count(0)
        self.assertEqual(self.binding.city, "Gent")

    def test_export_updates_the_shop(self):
        """The export job sends the changed address to the shop."""
        with trap_jobs() as trap:
            self.binding.odoo_id.write({"city": "Lyon", "zip": "69001"})
            trap.perform_enqueued_jobs()
        customer = self.shop_get(f"/customers/{self.customer['id']}")
        self.assertEqual(customer["billing"]["city"], "Lyon")
        self.assertEqual(customer["billing"]["postcode"], "69001")
        self.assertEqual(customer["email"], self.customer["email"])

    def test_new_binding_creates_customer(self):
        """Binding a partner to the shop creates the customer there and keeps its id."""
        partner = self.env["res.partner"].create(
            {"name": "Jane Export", "email": "jane.export@example.com", "city": "Oslo"}
        )
        with trap_jobs() as trap:
            binding = self.model.create(
                {"odoo_id": partner.id, "backend_id": self.backend.id}
            )
            trap.assert_enqueued_job(
                binding.sudo().export_record, kwargs={"fields": None}
            )
            trap.perform_enqueued_jobs()
        self.assertTrue(binding.external_id)
        customer = self.shop_get(f"/customers/{binding.external_id}")
        self.assertEqual(customer["email"], "jane.export@example.com")
        self.assertEqual(customer["first_name"], "Jane")
        self.assertEqual(customer["billing"]["city"], "Oslo")

    def test_lost_creation_answer_binds_the_created_customer(self):
        """The shop creates the customer but its answer is lost: the retry
        finds it by e-mail and creation marker and binds it, no duplicate."""
        partner = self.env["res.partner"].create(
            {"name": "Lou Lost", "email": "lou.lost@example.com"}
        )
        binding = self.model.with_context(connector_no_export=True).create(
            {"odoo_id": partner.id, "backend_id": self.backend.id}
        )
        self.addCleanup(self._forget_pending, binding)
        path = "/wp-json/wc/v3/customers"
        self.shop_admin(
            "POST",
            "/demo-shop/faults",
            json=[{"mode": "lost_answer", "method": "POST", "path_prefix": path}],
        )
        with self.assertRaises(RetryableJobError), self.env.cr.savepoint():
            binding.export_record()
        self.env.invalidate_all()
        self.assertFalse(binding.external_id)
        created = self.shop_get("/customers", email="lou.lost@example.com")
        self.assertEqual(len(created), 1, "the shop did create the customer")

        binding.export_record()
        customers = self.shop_get("/customers", email="lou.lost@example.com")
        self.assertEqual(len(customers), 1, "created twice in the shop")
        self.assertEqual(binding.external_id, str(created[0]["id"]))

    def _forget_pending(self, binding):
        # the creation trace is committed from a side transaction
        with self.env.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM connector_pending_binding WHERE res_model = %s",
                (binding._name,),
            )

    def test_customer_without_email_is_refused(self):
        """Exporting a new customer without e-mail fails with a clear message."""
        partner = self.env["res.partner"].create({"name": "No Mail"})
        binding = self.model.with_context(connector_no_export=True).create(
            {"odoo_id": partner.id, "backend_id": self.backend.id}
        )
        with self.assertRaisesRegex(InvalidDataError, "No Mail.*has no e-mail"):
            binding.export_record()

    def test_export_answer_is_the_version_known(self):
        """The shop's answer to the export is the version the binding keeps:
        its import (the shop's webhook for the export) writes nothing, even
        in the same second; a change made after it in that second is
        imported."""
        self.shop_admin("POST", "/demo-shop/clock", json={"now": "2026-11-02T10:00:00"})
        self.addCleanup(self.shop_admin, "DELETE", "/demo-shop/clock")
        with trap_jobs() as trap:
            self.binding.odoo_id.write({"city": "Lyon"})
            trap.perform_enqueued_jobs()
        self.assertEqual(
            self.import_record("demo.shop.res.partner", self.customer["id"]),
            "Already up to date.",
        )
        self.shop_put(
            f"/customers/{self.customer['id']}", {"billing": {"city": "Gent"}}
        )
        self.import_record("demo.shop.res.partner", self.customer["id"])
        self.assertEqual(self.binding.city, "Gent")

    def test_exported_change_is_not_imported_back(self):
        """After an export, the next customer scan does not re-import the echo."""
        with trap_jobs() as trap:
            self.binding.odoo_id.write({"city": "Lyon"})
            trap.perform_enqueued_jobs()
        with trap_jobs() as trap:
            self.env["demo.shop.res.partner"].import_batch(self.backend)
            trap.assert_enqueued_job(
                self.model.import_record,
                args=(
                    self.backend,
                    str(self.shop_get("/customers", orderby="id")[1]["id"]),
                ),
            )
            self.assertNotIn(
                str(self.customer["id"]), [call.args[1] for call in trap.calls]
            )
