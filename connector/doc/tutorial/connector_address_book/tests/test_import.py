# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from odoo.addons.connector.exception import IDMissingInBackend
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AddressBookCase


# [test-import]
class TestImport(AddressBookCase):
    def test_batch_enqueues_one_job_per_contact(self):
        """The batch import enqueues an import_record job for each contact."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        bob = self.remote.call("POST", "/contacts", json={"name": "Bob"})
        with trap_jobs() as trap:
            self.Binding.import_batch(self.backend)
        trap.assert_jobs_count(2, only=self.Binding.import_record)
        trap.assert_enqueued_job(
            self.Binding.import_record, args=(self.backend, str(ada["id"]))
        )
        trap.assert_enqueued_job(
            self.Binding.import_record, args=(self.backend, str(bob["id"]))
        )

    def test_jobs_run_in_the_import_channel(self):
        """Import jobs go to the import channel, not to root."""
        with trap_jobs() as trap:
            self.Binding.with_delay().import_record(self.backend, "1")
        self.assertEqual(trap.enqueued_jobs[0].channel, "root.address_book_import")

    def test_import_creates_the_contact_and_binds_it(self):
        """A new remote contact becomes a partner bound to it."""
        ada = self.remote.call(
            "POST", "/contacts", json={"name": "Ada", "email": "ada@example.com"}
        )
        self.import_contact(ada["id"])
        binding = self.Binding.search([("external_id", "=", str(ada["id"]))])
        self.assertEqual(binding.backend_id, self.backend)
        self.assertRecordValues(
            binding.odoo_id, [{"name": "Ada", "email": "ada@example.com"}]
        )
        self.assertTrue(binding.sync_date)

    def test_import_updates_without_exporting_back(self):
        """A second import updates the same partner and enqueues no export."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        self.remote.call("PUT", f"/contacts/{ada['id']}", json={"name": "Ada L."})
        with trap_jobs() as trap:
            self.import_contact(ada["id"])
        trap.assert_jobs_count(0)
        binding = self.Binding.search([("external_id", "=", str(ada["id"]))])
        self.assertEqual(len(binding), 1)
        self.assertEqual(binding.name, "Ada L.")

    def test_unknown_contact_says_which(self):
        """A contact the address book does not have: an error naming it, no binding."""
        with self.assertRaisesRegex(IDMissingInBackend, "/contacts/999"):
            self.import_contact(999)
        self.assertFalse(self.Binding.search([("external_id", "=", "999")]))


# [/test-import]
