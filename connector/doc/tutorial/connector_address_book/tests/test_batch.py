# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AddressBookCase


# [test-batch]
class TestBatchImport(AddressBookCase):
    def setUp(self):
        super().setUp()
        self.remote.clear()  # the address book lives as long as the class

    def _run_batch(self, page_size=100, pages_per_job=10):
        """Run one batch job; return the contact ids it enqueued, and
        whether it enqueued the next batch job."""
        with trap_jobs() as trap, self.backend.work_on(self.Binding._name) as work:
            importer = work.component(usage="batch.importer")
            importer._page_size, importer._pages_per_job = page_size, pages_per_job
            importer.run()
        record_jobs = [
            job for job in trap.enqueued_jobs if job.method_name == "import_record"
        ]
        next_batch = any(
            job.method_name == "import_batch" for job in trap.enqueued_jobs
        )
        return [job.args[1] for job in record_jobs], next_batch

    def test_batch_enqueues_one_job_per_contact(self):
        """The batch import enqueues an import_record job for each contact."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        bob = self.remote.call("POST", "/contacts", json={"name": "Bob"})
        with trap_jobs() as trap:
            self.Binding.import_batch(self.backend)
        trap.assert_jobs_count(2, only=self.Binding.import_record)
        for contact in (ada, bob):
            trap.assert_enqueued_job(
                self.Binding.import_record, args=(self.backend, str(contact["id"]))
            )

    def test_jobs_run_in_the_import_channel(self):
        """Import jobs go to the import channel, not to root."""
        with trap_jobs() as trap:
            self.Binding._delay_import_record(self.backend, 1)
        self.assertEqual(trap.enqueued_jobs[0].channel, "root.address_book_import")

    def test_scan_resumes_where_the_last_job_stopped(self):
        """A long scan is cut in jobs; the next job starts where the last
        one stopped (kept in connector.import.cursor), not on page 1."""
        ids = [
            str(self.remote.call("POST", "/contacts", json={"name": f"C{n}"})["id"])
            for n in range(5)
        ]
        first, next_batch = self._run_batch(page_size=2, pages_per_job=1)
        self.assertEqual(first, ids[:2])
        self.assertTrue(next_batch)
        cursor = self.env["connector.import.cursor"]._get_for(
            self.backend, self.Binding._name
        )
        self.assertTrue(cursor.scan_running)
        enqueued = list(first)
        while next_batch:
            more, next_batch = self._run_batch(page_size=2, pages_per_job=1)
            self.assertTrue(set(more).isdisjoint(enqueued), "a page read twice")
            enqueued += more
        self.assertEqual(enqueued, ids)
        self.assertFalse(cursor.scan_running)
        # the next scan lists what changed after the newest contact seen
        self.assertTrue(self.backend.import_contacts_since)

    def test_contact_changed_during_the_scan_is_not_skipped(self):
        """A contact changed between two jobs of a scan moves to the end of
        the order: the scan meets it there."""
        ids = [
            str(self.remote.call("POST", "/contacts", json={"name": f"C{n}"})["id"])
            for n in range(4)
        ]
        enqueued, next_batch = self._run_batch(page_size=2, pages_per_job=1)
        self.remote.call("PUT", f"/contacts/{ids[0]}", json={"name": "C0 again"})
        while next_batch:
            more, next_batch = self._run_batch(page_size=2, pages_per_job=1)
            enqueued += more
        self.assertEqual(sorted(set(enqueued)), sorted(ids))
        self.assertEqual(enqueued.count(ids[0]), 2)


# [/test-batch]
