# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from odoo import SUPERUSER_ID, api

from odoo.addons.connector.database import pg_try_advisory_lock
from odoo.addons.connector.exception import InvalidDataError, RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AddressBookCase


# [test-import]
class TestImport(AddressBookCase):
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
        self.assertTrue(binding.book_modified)

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

    def test_unchanged_contact_is_skipped(self):
        """A contact not changed since its last import is not written again."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        self.assertEqual(self.import_contact(ada["id"]), "Already up to date.")

    def test_unknown_contact_imports_nothing(self):
        """A contact the address book does not have: a message naming it."""
        message = self.import_contact(999)
        self.assertIn("999 no longer exists on Tutorial book", message)
        self.assertFalse(self.Binding.search([("external_id", "=", "999")]))

    def test_unexpected_type_names_the_field(self):
        """A remote contact of unexpected types is refused before any write,
        with an error naming the contact and the field."""
        with self.backend.work_on(self.Binding._name) as work:
            importer = work.component(usage="record.importer")
            importer.external_id, importer.remote_record = "7", {"name": 42}
            with self.assertRaisesRegex(
                InvalidDataError, "Address Book Contact 7: field 'name' must be a text"
            ):
                importer._validate_remote_data()

    def test_contact_imported_elsewhere_is_retried(self):
        """A job importing the same contact now holds its lock: this job
        is retried later, before it reads the remote."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        with self.backend.work_on(self.Binding._name) as work:
            importer = work.component(usage="record.importer")
            lock = importer._get_import_lock_name(str(ada["id"]))
        with self.registry.cursor() as other_cr:
            other_env = api.Environment(other_cr, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(other_env, lock))
            with self.assertRaises(RetryableJobError):
                self.import_contact(ada["id"])
        self.assertFalse(self.Binding.search([("external_id", "=", str(ada["id"]))]))


# [/test-import]
