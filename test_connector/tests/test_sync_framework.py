# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""connector.sync.test.binding gets its sync flow from the framework only:
generic.record.importer, generic.batch.importer, generic.exporter's conflict
step and connector.binding.mixin's jobs."""

import json
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, get_db_name, tagged
from odoo.tools import SQL

from odoo.addons.connector.components.mapper import remote_fingerprint
from odoo.addons.connector.tests.common import recorded_queries
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..components.sync import SYNC_REMOTE

MODEL = "connector.sync.test.binding"


@tagged("post_install", "-at_install")
class SyncFrameworkCase(TransactionCase):
    def setUp(self):
        super().setUp()
        SYNC_REMOTE.reset()
        self.addCleanup(SYNC_REMOTE.reset)
        self.backend = self.env["test.backend"].create({"name": "Sync Remote"})
        self.model = self.env[MODEL]

    def _import(self, external_id, **kwargs):
        return self.model.import_record(self.backend, str(external_id), **kwargs)

    def _binding(self, external_id):
        return self.model.search(
            [
                ("backend_id", "=", self.backend.id),
                ("external_id", "=", str(external_id)),
            ]
        )

    def _synced_long_ago(self, binding):
        """Pretend the last sync was an hour ago (both sides may change since)."""
        binding.sync_date = fields.Datetime.now() - timedelta(hours=1)
        return binding.sync_date


class TestRecordImporter(SyncFrameworkCase):
    def test_import_creates_and_binds(self):
        """import_record, run directly, creates the binding with its remote date."""
        SYNC_REMOTE.put(1, "Alpha")
        message = self._import(1)
        binding = self._binding(1)
        self.assertEqual(binding.name, "Alpha")
        self.assertEqual(
            binding.remote_date.isoformat(), SYNC_REMOTE.records[1]["modified"]
        )
        self.assertTrue(binding.sync_date)
        self.assertIn("Imported Sync Test Record 1", message)

    def test_binding_inserted_with_its_sync_date(self):
        """A new binding gets its external id and sync date in its INSERT: the
        bind that follows (the same second: the clock is frozen) has nothing
        left to UPDATE on that row."""
        SYNC_REMOTE.put(1, "Alpha")
        table = self.model._table
        with freeze_time("2026-03-02 10:00:00"), recorded_queries() as queries:
            self._import(1)
            self.env.flush_all()
        self.assertEqual(str(self._binding(1).sync_date), "2026-03-02 10:00:00")
        self.assertTrue([q for q in queries if q.startswith(f'INSERT INTO "{table}"')])
        self.assertEqual([q for q in queries if f'UPDATE "{table}"' in q], [])

    def test_up_to_date_is_skipped(self):
        """A record not modified remotely since its import is not written again."""
        SYNC_REMOTE.put(1, "Alpha")
        self._import(1)
        self._binding(1).name = "Changed in Odoo"
        self.assertEqual(self._import(1), "Already up to date.")
        self.assertEqual(self._binding(1).name, "Changed in Odoo")
        self._import(1, force=True)
        self.assertEqual(self._binding(1).name, "Alpha")

    def test_missing_remote_record(self):
        """A record gone remotely imports nothing and says so."""
        self.assertIn("no longer exists", self._import(404))
        self.assertFalse(self._binding(404))


class TestImportLock(SyncFrameworkCase):
    def test_second_cursor_retries_before_reading(self):
        """Two transactions importing one record: the second is retried, without
        calling the remote."""
        registry = Registry(get_db_name())
        with registry.cursor() as cr:
            backend_id = (
                api.Environment(cr, api.SUPERUSER_ID, {})["test.backend"]
                .create({"name": "Locked"})
                .id
            )
        self.addCleanup(self._drop_backend, registry, backend_id)
        SYNC_REMOTE.put(1, "Alpha")
        envs = []
        for _ in range(2):
            cr = registry.cursor()
            self.addCleanup(cr.close)
            self.addCleanup(cr.rollback)
            envs.append(api.Environment(cr, api.SUPERUSER_ID, {}))
        first, second = (env[MODEL] for env in envs)
        first.import_record(first.env["test.backend"].browse(backend_id), "1")
        reads = SYNC_REMOTE.reads
        with self.assertRaises(RetryableJobError):
            second.import_record(second.env["test.backend"].browse(backend_id), "1")
        self.assertEqual(SYNC_REMOTE.reads, reads)

    def _drop_backend(self, registry, backend_id):
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env[MODEL].search([("backend_id", "=", backend_id)]).unlink()
            env["test.backend"].browse(backend_id).unlink()


class TestConflicts(SyncFrameworkCase):
    def _both_changed(self):
        SYNC_REMOTE.put(1, "Alpha")
        self._import(1)
        binding = self._binding(1)
        synced = self._synced_long_ago(binding)
        binding.name = "Odoo side"
        SYNC_REMOTE.put(1, "Remote side")
        return binding, synced

    def _checkpoints(self, binding):
        return self.env["connector.checkpoint"].search(
            [
                ("model_name", "=", "connector.test.record"),
                ("record_id", "=", binding.odoo_id.id),
            ]
        )

    def test_import_held(self):
        """Import of a record changed on both sides (hold): nothing written,
        nothing bound, sync date kept, a checkpoint."""
        binding, synced = self._both_changed()
        message = self._import(1)
        self.assertIn("held", message)
        self.assertEqual(binding.name, "Odoo side")
        self.assertEqual(binding.sync_date, synced)
        self.assertTrue(self._checkpoints(binding))

    def test_export_held(self):
        """Export of a record changed on both sides (hold): the remote keeps its
        values, the binding its sync date."""
        binding, synced = self._both_changed()
        message = binding.export_record()
        self.assertIn("not exported (held, conflict policy: hold)", message)
        self.assertEqual(SYNC_REMOTE.records[1]["name"], "Remote side")
        self.assertEqual(binding.sync_date, synced)
        self.assertTrue(self._checkpoints(binding))

    def test_export_skipped_remote_wins(self):
        """remote_wins: the export is skipped, the remote version's import
        enqueued, the sync date kept."""
        binding, synced = self._both_changed()
        with (
            patch.object(type(self.model), "_connector_conflict_policy", "remote_wins"),
            trap_jobs() as trap,
        ):
            message = binding.export_record()
            trap.assert_enqueued_job(
                binding.import_record, args=(self.backend, "1"), kwargs={"force": True}
            )
        self.assertIn("not exported (skipped, conflict policy: remote_wins)", message)
        self.assertEqual(SYNC_REMOTE.records[1]["name"], "Remote side")
        self.assertEqual(binding.sync_date, synced)

    def test_export_written_without_remote_change(self):
        """No remote change since the last sync: the export writes and binds."""
        SYNC_REMOTE.put(1, "Alpha")
        self._import(1)
        binding = self._binding(1)
        synced = self._synced_long_ago(binding)
        binding.name = "Odoo side"
        binding.export_record()
        self.assertEqual(SYNC_REMOTE.records[1]["name"], "Odoo side")
        self.assertGreater(binding.sync_date, synced)


class TestChangeInTheSameSecond(SyncFrameworkCase):
    """The remote's dates are to the second: a change made in the second of
    the last import has the date that import kept. The fingerprint of the
    remote record kept on the binding (``_remote_fingerprint_field``) tells
    it from the version imported."""

    def _imported_in_the_change_second(self, name="Alpha"):
        """Import record 1 as a webhook does, within the second of its
        change: the sync date is the remote date."""
        record = SYNC_REMOTE.put(1, name)
        self._import(1)
        binding = self._binding(1)
        binding.sync_date = datetime.fromisoformat(record["modified"])
        return binding

    def _odoo_edited_later(self, binding, name):
        """An Odoo edit five seconds after that sync."""
        binding.name = name
        self.env.flush_all()
        record = binding.odoo_id
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = %s WHERE id = %s",
                SQL.identifier(record._table),
                binding.sync_date + timedelta(seconds=5),
                record.id,
            )
        )
        self.env.invalidate_all()

    def test_change_is_imported(self):
        """The change is imported; the record is up to date again after."""
        self._imported_in_the_change_second()
        SYNC_REMOTE.edit_in_the_same_second(1, "Beta")
        self.assertIn("Imported", self._import(1))
        self.assertEqual(self._binding(1).name, "Beta")
        self.assertEqual(self._import(1), "Already up to date.")

    def test_batch_selects_the_change(self):
        """The batch importer selects the record changed in that second, not
        the one left as imported."""
        SYNC_REMOTE.put(1, "Alpha")
        SYNC_REMOTE.put(2, "Bravo")
        self._import(1)
        self._import(2)
        SYNC_REMOTE.edit_in_the_same_second(2, "Bravo 2")
        with self.backend.work_on(MODEL) as work:
            batch = work.component(usage="batch.importer")
            selected = batch._select_to_import(
                [dict(record) for record in SYNC_REMOTE.records.values()]
            )
        self.assertEqual(selected, ["2"])

    def test_binding_without_fingerprint_keeps_the_date_rule(self):
        """A binding imported before fingerprints were kept: an equal date
        still means up to date (no mass re-import after an upgrade)."""
        binding = self._imported_in_the_change_second()
        binding.remote_fingerprint = False
        SYNC_REMOTE.edit_in_the_same_second(1, "Beta")
        self.assertEqual(self._import(1), "Already up to date.")
        self.assertEqual(binding.name, "Alpha")

    def test_import_over_a_later_odoo_edit_is_held(self):
        """Odoo edited after that sync and the remote changed in its second:
        both changed, the policy (hold) decides; the Odoo edit is not
        overwritten."""
        binding = self._imported_in_the_change_second()
        self._odoo_edited_later(binding, "Odoo side")
        SYNC_REMOTE.edit_in_the_same_second(1, "Remote side")
        message = self._import(1)
        self.assertIn("held", message)
        self.assertEqual(binding.name, "Odoo side")
        self.assertTrue(
            self.env["connector.checkpoint"].search(
                [
                    ("model_name", "=", "connector.test.record"),
                    ("record_id", "=", binding.odoo_id.id),
                ]
            )
        )

    def test_export_over_a_change_in_the_sync_second_is_held(self):
        """The export of an Odoo edit meets the remote change made in the
        second of the last sync: a conflict (hold), the remote keeps it."""
        binding = self._imported_in_the_change_second()
        SYNC_REMOTE.edit_in_the_same_second(1, "Remote side")
        self._odoo_edited_later(binding, "Odoo side")
        message = binding.export_record()
        self.assertIn("not exported (held, conflict policy: hold)", message)
        self.assertEqual(SYNC_REMOTE.records[1]["name"], "Remote side")

    def test_export_keeps_the_answer_fingerprint(self):
        """After an export, the remote record it wrote is the version known:
        its import (a webhook echoing the export) writes nothing."""
        binding = self._imported_in_the_change_second()
        self._odoo_edited_later(binding, "Odoo side")
        binding.export_record()
        self.assertEqual(SYNC_REMOTE.records[1]["name"], "Odoo side")
        self.assertEqual(self._import(1), "Already up to date.")
        self.assertEqual(binding.name, "Odoo side")


class TestRemoteFingerprint(TransactionCase):
    def test_same_contents_same_fingerprint(self):
        """The order of the keys does not matter; a changed value does."""
        first = {"id": 7, "name": "Alpha", "billing": {"city": "Gent", "zip": "9000"}}
        same = {"billing": {"zip": "9000", "city": "Gent"}, "name": "Alpha", "id": 7}
        self.assertEqual(remote_fingerprint(first), remote_fingerprint(same))
        changed = dict(first, billing={"city": "Gent", "zip": "9001"})
        self.assertNotEqual(remote_fingerprint(first), remote_fingerprint(changed))

    def test_any_json_text(self):
        """Any text JSON can carry has a fingerprint: a lone surrogate
        (``"\\ud800"``, which UTF-8 cannot encode) does not fail the import."""
        record = json.loads('{"id": 7, "name": "\\ud800 Alpha"}')
        self.assertEqual(len(remote_fingerprint(record)), 32)
        self.assertNotEqual(
            remote_fingerprint(record), remote_fingerprint({"id": 7, "name": " Alpha"})
        )


class TestJobs(SyncFrameworkCase):
    def test_enqueue_with_descriptions(self):
        """The job helpers enqueue the mixin's jobs with names a person reads."""
        SYNC_REMOTE.put(1, "Alpha")
        self._import(1)
        binding = self._binding(1)
        with trap_jobs() as trap:
            self.model._delay_import_record(self.backend, 1)
            binding._delay_export_record(fields=["name"])
            binding.action_resync()
            trap.assert_enqueued_job(
                self.model.import_record,
                args=(self.backend, "1"),
                kwargs={"force": False},
                properties={
                    "description": "Import Sync Test Record 1 from Sync Remote"
                },
            )
            trap.assert_enqueued_job(
                binding.export_record,
                kwargs={"fields": ["name"]},
                properties={"description": "Export Alpha to Sync Remote"},
            )
            trap.assert_enqueued_job(
                binding.import_record,
                args=(self.backend, "1"),
                kwargs={"force": True},
                properties={
                    "description": "Import Sync Test Record 1 from Sync Remote"
                },
            )

    def test_export_and_delete_run_directly(self):
        """export_record creates the remote record; export_delete_record removes it."""
        record = self.env["connector.test.record"].create({"name": "New"})
        binding = self.model.create(
            {"backend_id": self.backend.id, "odoo_id": record.id}
        )
        binding.export_record()
        self.assertEqual(SYNC_REMOTE.records[int(binding.external_id)]["name"], "New")
        self.backend.remote_delete_policy = "delete"
        message = self.model.export_delete_record(self.backend, binding.external_id)
        self.assertIn("deleted on Sync Remote", message)
        self.assertFalse(SYNC_REMOTE.records)
        message = self.model.export_delete_record(self.backend, binding.external_id)
        self.assertIn("already deleted", message)

    def test_retry_policy_sees_the_job(self):
        """A failing remote postpones the job by the backoff of its try count:
        the components run in the job's environment."""
        SYNC_REMOTE.put(1, "Alpha")
        delays = []
        for tries_done in (0, 2):
            SYNC_REMOTE.failures = ["503 Service Unavailable"]
            delayed = self.model.with_delay(max_retries=5).import_record(
                self.backend, "1"
            )
            job = Job.load(self.env, delayed.uuid)
            job.retry = tries_done
            job.store()
            with self.assertRaises(RetryableJobError) as raised:
                Job.load(self.env, delayed.uuid).perform()
            delays.append(raised.exception.seconds)
        self.assertEqual(delays, [2, 8])


class TestBatchImporter(SyncFrameworkCase):
    def _run_batch(self):
        """Run import_batch; return the enqueued record ids and batch jobs."""
        with trap_jobs() as trap:
            message = self.model.import_batch(self.backend)
            jobs = trap.enqueued_jobs
        ids = [job.args[1] for job in jobs if job.method_name == "import_record"]
        batches = [job for job in jobs if job.method_name == "import_batch"]
        return ids, batches, message

    def _scan(self):
        """Run the batch jobs until the scan ends; return every id enqueued."""
        enqueued = []
        for _job in range(10):
            ids, batches, _message = self._run_batch()
            enqueued += ids
            if not batches:
                return enqueued
        self.fail("the scan never ended")

    def _cursor(self):
        return self.env["connector.import.cursor"]._get_for(self.backend, MODEL)

    def test_pages_per_job_and_watermark(self):
        """7 records, pages of 3 (the first of a page is the anchor, the last
        of the page before), 2 pages a job: two jobs, then the watermark."""
        for record_id in range(1, 8):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        ids, batches, message = self._run_batch()
        self.assertEqual(ids, ["1", "2", "3", "4", "5"])
        self.assertEqual(len(batches), 1)
        self.assertIn("next job", message)
        self.assertTrue(self._cursor().scan_running)
        ids, batches, _message = self._run_batch()
        self.assertEqual((ids, batches), (["6", "7"], []))
        self.assertFalse(self._cursor().scan_running)
        self.assertEqual(
            self._cursor().watermark.isoformat(), SYNC_REMOTE.records[7]["modified"]
        )
        # the next scan lists what changed after the watermark only
        SYNC_REMOTE.put(3, "R3 changed")
        self.assertEqual(self._scan(), ["3"])

    def test_change_during_scan_skips_nothing(self):
        """A record changed after the first page moves to the end: every other
        record is still listed (offset paging alone would skip one)."""
        for record_id in range(1, 10):
            SYNC_REMOTE.put(record_id, f"R{record_id}")

        def change_first(remote, page):
            if remote.listed_pages == 1:
                remote.put(1, "R1 changed")

        SYNC_REMOTE.after_page = change_first
        self.assertEqual(
            sorted(set(self._scan()), key=int), [str(i) for i in range(1, 10)]
        )

    def test_delete_during_scan_skips_nothing(self):
        """Records deleted after the first page shift the others back: the scan
        steps back and lists every remaining record."""
        for record_id in range(1, 10):
            SYNC_REMOTE.put(record_id, f"R{record_id}")

        def delete_seen(remote, page):
            if remote.listed_pages == 1:
                remote.records.pop(1)
                remote.records.pop(2)

        SYNC_REMOTE.after_page = delete_seen
        self.assertEqual(
            sorted(set(self._scan()), key=int), [str(i) for i in range(1, 10)]
        )

    def test_delete_during_scan_skips_without_anchor(self):
        """Control: the same deletions with offset paging alone (no anchor
        check) skip a record, so the test above can fail."""
        for record_id in range(1, 10):
            SYNC_REMOTE.put(record_id, f"R{record_id}")

        def delete_seen(remote, page):
            if remote.listed_pages == 1:
                remote.records.pop(1)
                remote.records.pop(2)

        SYNC_REMOTE.after_page = delete_seen
        with self.backend.work_on(MODEL) as work:
            importer_class = type(work.component(usage="batch.importer"))
        with patch.object(importer_class, "_anchor_holds", lambda *args: True):
            listed = set(self._scan())
        self.assertNotEqual(listed, {str(i) for i in range(1, 10)})

    def test_resume_after_killed_worker(self):
        """A job killed mid-scan is rolled back to the pages committed by the
        previous job: the retry reads from there, not from page 1."""
        for record_id in range(1, 14):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        first, _batches, _message = self._run_batch()
        self.assertEqual(first, ["1", "2", "3", "4", "5"])

        def crash(remote, page):
            raise RuntimeError("worker killed")

        SYNC_REMOTE.after_page = crash
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            self._run_batch()
        SYNC_REMOTE.after_page = None
        pages = SYNC_REMOTE.listed_pages
        second, batches, _message = self._run_batch()
        # two pages from the committed offset, never page 1 again
        self.assertEqual(SYNC_REMOTE.listed_pages - pages, 2)
        self.assertEqual(second, ["6", "7", "8", "9"])
        self.assertEqual(len(batches), 1)
