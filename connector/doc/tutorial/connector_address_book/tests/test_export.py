# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AddressBookCase


# [test-export]
class TestExport(AddressBookCase):
    def test_new_binding_is_exported(self):
        """Binding an Odoo contact creates it in the address book."""
        partner = self.env["res.partner"].create(
            {"name": "Grace", "email": "grace@example.com"}
        )
        with trap_jobs() as trap:
            binding = self.Binding.create(
                {"backend_id": self.backend.id, "odoo_id": partner.id}
            )
            trap.assert_enqueued_job(binding.export_record, kwargs={"fields": None})
            trap.perform_enqueued_jobs()
        remote = self.remote.call("GET", f"/contacts/{binding.external_id}")
        self.assertEqual(remote["name"], "Grace")
        self.assertEqual(remote["email"], "grace@example.com")

    def test_change_in_odoo_is_exported(self):
        """Renaming a bound partner exports the new name, and only it."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        binding = self.Binding.search([("external_id", "=", str(ada["id"]))])
        with trap_jobs() as trap:
            binding.odoo_id.write({"name": "Ada Lovelace"})
            trap.assert_enqueued_job(binding.export_record, kwargs={"fields": ["name"]})
            trap.perform_enqueued_jobs()
        remote = self.remote.call("GET", f"/contacts/{ada['id']}")
        self.assertEqual(remote["name"], "Ada Lovelace")
        # the answer's date is kept: the next import does not bounce it back
        self.assertEqual(self.import_contact(ada["id"]), "Already up to date.")

    def test_other_fields_are_not_exported(self):
        """A change of a field the address book does not know enqueues nothing."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        binding = self.Binding.search([("external_id", "=", str(ada["id"]))])
        with trap_jobs() as trap:
            binding.odoo_id.write({"comment": "met at the conference"})
        trap.assert_jobs_count(0)

    def test_deleted_binding_keeps_the_contact_by_default(self):
        """By default a deletion in Odoo only unbinds: no job, the contact stays."""
        self.assertEqual(self.backend.remote_delete_policy, "unbind")
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        binding = self.Binding.search([("external_id", "=", str(ada["id"]))])
        with trap_jobs() as trap:
            binding.unlink()
        trap.assert_jobs_count(0)
        self.assertEqual(
            self.remote.call("GET", f"/contacts/{ada['id']}")["name"], "Ada"
        )

    def test_deleted_binding_deletes_the_contact(self):
        """With the backend's delete policy at "delete", deleting a binding
        deletes its contact in the address book."""
        self.backend.remote_delete_policy = "delete"
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        binding = self.Binding.search([("external_id", "=", str(ada["id"]))])
        with trap_jobs() as trap:
            binding.unlink()
            trap.assert_enqueued_job(
                self.Binding.export_delete_record, args=(self.backend, str(ada["id"]))
            )
            trap.perform_enqueued_jobs()
        response = self.remote.raw("GET", f"/contacts/{ada['id']}")
        self.assertEqual(response.status_code, 404)


# [/test-export]
