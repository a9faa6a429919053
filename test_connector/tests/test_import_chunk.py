# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Chunked imports: one ``import_chunk`` job per chunk of listed records, the
records in one savepoint, or each in its own when one fails, a failing one
split out into its own job."""

from unittest.mock import patch

import psycopg2

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.tests.common import recorded_queries
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..components.sync import SYNC_REMOTE

MODEL = "connector.sync.test.binding"


@tagged("post_install", "-at_install")
class TestImportChunk(TransactionCase):
    def setUp(self):
        super().setUp()
        SYNC_REMOTE.reset()
        self.addCleanup(SYNC_REMOTE.reset)
        self.backend = self.env["test.backend"].create(
            {"name": "Chunk Remote", "import_chunk_size": 2}
        )
        self.model = self.env[MODEL]

    def _count(self, external_id):
        return self.model.search_count(
            [("backend_id", "=", self.backend.id), ("external_id", "=", external_id)]
        )

    def test_batch_enqueues_chunks(self):
        """Chunks of 2 per page of 3: a lone record of a page gets an
        import_record job, as without chunks."""
        for record_id in range(1, 6):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        with trap_jobs() as trap:
            message = self.model.import_batch(self.backend)
            jobs = [
                (job.method_name, job.args[1])
                for job in trap.enqueued_jobs
                if job.method_name != "import_batch"
            ]
        self.assertEqual(
            jobs,
            [
                ("import_chunk", ["1", "2"]),
                ("import_record", "3"),
                ("import_chunk", ["4", "5"]),
            ],
        )
        self.assertIn("3 import jobs enqueued", message)

    def test_chunk_size_one_is_per_record(self):
        """The model's default (1) keeps one import_record job per record."""
        self.backend.import_chunk_size = 0
        for record_id in range(1, 4):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        with trap_jobs() as trap:
            self.model.import_batch(self.backend)
            methods = {job.method_name for job in trap.enqueued_jobs}
        self.assertEqual(methods, {"import_record"})

    def test_failing_record_is_split_out(self):
        """A record failing in a chunk is rolled back alone and gets its own
        job with its error; the others are imported once."""
        for record_id in range(1, 5):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        # a remote record without its date: the mapper fails on it
        del SYNC_REMOTE.records[2]["modified"]
        with trap_jobs() as trap:
            message = self.model.import_chunk(self.backend, ["1", "2", "3", "4", "9"])
            trap.assert_jobs_count(2)
            jobs = {job.args[1]: job for job in trap.enqueued_jobs}
            self.assertEqual(sorted(jobs), ["2", "9"])
            self.assertEqual(
                {job.method_name for job in jobs.values()}, {"import_record"}
            )
            self.assertIn("KeyError: 'modified'", jobs["2"].description)
            self.assertIn("did not return it", jobs["9"].description)
            self.assertIn("3 records imported", message)
            for external_id in ("1", "3", "4"):
                self.assertEqual(self._count(external_id), 1, external_id)
            self.assertEqual(self._count("2"), 0)
            # the split-out job fails alone, with the same error
            with self.assertRaises(MappingError):
                jobs["2"].perform()
            SYNC_REMOTE.put(2, "R2 fixed")
            jobs["2"].perform()
            self.assertIn("no longer exists", jobs["9"].perform())
        self.assertEqual(self._count("2"), 1)
        # a second run of the chunk finds the records up to date
        with trap_jobs() as trap:
            message = self.model.import_chunk(self.backend, ["1", "2", "3", "4"])
            trap.assert_jobs_count(0)
        self.assertIn("0 records imported, 4 left as they are", message)
        for external_id in ("1", "2", "3", "4"):
            self.assertEqual(self._count(external_id), 1, external_id)

    def test_chunk_imported_in_one_savepoint(self):
        """A chunk without failure imports its records in one savepoint, the
        ORM writing their changes together; each creation keeps the
        savepoint of its unique-violation guard."""
        for record_id in range(1, 4):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        with recorded_queries() as queries, trap_jobs() as trap:
            message = self.model.import_chunk(self.backend, ["1", "2", "3"])
            trap.assert_jobs_count(0)
        self.assertIn("3 records imported", message)
        self.assertEqual(len([q for q in queries if q.startswith("SAVEPOINT")]), 1 + 3)
        for external_id in ("1", "2", "3"):
            self.assertEqual(self._count(external_id), 1, external_id)
        # a batch importer may ask for a savepoint per record right away
        with self.backend.work_on(MODEL) as work:
            batch_class = type(work.component(usage="batch.importer"))
        for record_id in range(4, 6):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        with (
            patch.object(batch_class, "_chunk_in_one_savepoint", False),
            recorded_queries() as queries,
        ):
            message = self.model.import_chunk(self.backend, ["4", "5"])
        self.assertIn("2 records imported", message)
        self.assertEqual(len([q for q in queries if q.startswith("SAVEPOINT")]), 2 + 2)

    def test_failure_when_the_chunk_is_written_is_split_out(self):
        """A record whose change fails only when the ORM writes the chunk's
        changes (a deferred UPDATE) is found by importing the records again
        one by one: it is split out alone, the others are imported once."""
        for record_id in range(1, 4):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        with self.backend.work_on(MODEL) as work:
            importer_class = type(work.component(usage="record.importer"))
        after_import = importer_class._after_import
        dangling = 2**31 - 1

        def broken(importer, binding):
            after_import(importer, binding)
            if importer.external_id == "2":
                # PostgreSQL refuses the dangling many2one when it is written
                binding.odoo_id.parent_id = dangling

        with (
            patch.object(importer_class, "_after_import", broken),
            trap_jobs() as trap,
            mute_logger("odoo.sql_db", "odoo.addons.connector.components.importer"),
        ):
            message = self.model.import_chunk(self.backend, ["1", "2", "3"])
            jobs = [(job.method_name, job.args[1]) for job in trap.enqueued_jobs]
        self.assertEqual(jobs, [("import_record", "2")])
        self.assertIn("2 records imported", message)
        self.assertIn("2: ", message)
        for external_id in ("1", "3"):
            self.assertEqual(self._count(external_id), 1, external_id)
        self.assertEqual(self._count("2"), 0)
        self.env.flush_all()
        self.assertFalse(
            self.env["connector.test.record"].search_count(
                [("parent_id", "=", dangling)]
            )
        )

    def test_chunk_writes_what_was_read(self):
        """Each record of a chunk is read once, by the chunk's read."""
        for record_id in range(1, 4):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        self.model.import_chunk(self.backend, ["1", "2", "3"])
        self.assertEqual(SYNC_REMOTE.reads, 3)
        binding = self.model.search([("external_id", "=", "3")])
        self.assertEqual(binding.name, "R3")

    def test_prefetch_bindings_reads_together(self):
        """A chunk reads the bindings its records point to at once: their
        Odoo records are then in the cache. Empty ids, ids of other types
        and bindings of other backends are left out."""
        for record_id in (1, 2, 3):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        self.model.import_chunk(self.backend, ["1", "2", "3"])
        other = self.env["test.backend"].create({"name": "Other Remote"})
        self.model.import_chunk(other, ["1"])
        self.env.invalidate_all()
        with self.backend.work_on(MODEL) as work:
            importer = work.component(usage="batch.importer")
            bindings = importer._prefetch_bindings(
                MODEL, ["1", 2, None, "", False, True, {"id": 3}, ["3"], "9"]
            )
            with self.assertQueryCount(0):
                found = {
                    (binding.external_id, binding.backend_id.id, binding.odoo_id.name)
                    for binding in bindings
                }
        self.assertEqual(
            found, {("1", self.backend.id, "R1"), ("2", self.backend.id, "R2")}
        )
        with self.backend.work_on(MODEL) as work:
            importer = work.component(usage="batch.importer")
            self.assertFalse(importer._prefetch_bindings(MODEL, [None, "", 0]))


@tagged("post_install", "-at_install")
class TestImportChunkConcurrency(TransactionCase):
    """Committed data and real cursors, as jobs running in two workers."""

    def setUp(self):
        super().setUp()
        SYNC_REMOTE.reset()
        self.addCleanup(SYNC_REMOTE.reset)
        self.registry2 = Registry(get_db_name())
        with self.registry2.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.backend_id = (
                env["test.backend"]
                .create({"name": "Chunk Workers", "import_chunk_size": 3})
                .id
            )
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM queue_job")
            self.last_job_id = cr.fetchone()[0]
        self.addCleanup(self._drop_committed)
        for record_id in range(1, 5):
            SYNC_REMOTE.put(record_id, f"R{record_id}")

    def _drop_committed(self):
        with self.registry2.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute(
                "DELETE FROM queue_job WHERE id > %s AND model_name = %s",
                (self.last_job_id, MODEL),
            )
            bindings = env[MODEL].search([("backend_id", "=", self.backend_id)])
            records = bindings.odoo_id
            bindings.unlink()
            records.unlink()
            env["test.backend"].browse(self.backend_id).unlink()

    def _cursor_env(self):
        cr = self.registry2.cursor()

        def close():
            # the test may have killed its connection: nothing to roll back
            if not cr._cnx.closed:
                cr.rollback()
            cr.close()

        self.addCleanup(close)
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def _backend(self, env):
        return env["test.backend"].browse(self.backend_id)

    def _counts(self):
        with self.registry2.cursor() as cr:
            cr.execute(
                "SELECT external_id, count(*) FROM connector_sync_test_binding "
                "WHERE backend_id = %s GROUP BY external_id",
                (self.backend_id,),
            )
            return dict(cr.fetchall())

    def _split_jobs(self, env):
        return env["queue.job"].search(
            [
                ("id", ">", self.last_job_id),
                ("model_name", "=", MODEL),
                ("method_name", "=", "import_record"),
            ]
        )

    def test_webhook_job_holds_the_record(self):
        """A webhook job importing record 2 holds its lock: the chunk imports
        the others and gives 2 a job of its own, which finds it bound."""
        webhook, worker = self._cursor_env(), self._cursor_env()
        webhook[MODEL].import_record(self._backend(webhook), "2")
        message = worker[MODEL].import_chunk(self._backend(worker), ["1", "2", "3"])
        self.assertIn("2 records imported", message)
        self.assertIn("2: Could not acquire advisory lock", message)
        webhook.cr.commit()
        worker.cr.commit()
        split = self._split_jobs(worker)
        self.assertEqual(len(split), 1)
        runner = self._cursor_env()
        result = Job.load(runner, split.uuid).perform()
        runner.cr.commit()
        self.assertEqual(result, "Already up to date.")
        self.assertEqual(self._counts(), {"1": 1, "2": 1, "3": 1})

    def test_webhook_job_committed_after_chunk_snapshot(self):
        """The webhook job commits record 2 after the chunk's transaction took
        its snapshot: the chunk cannot see that binding; instead of creating
        it again (a unique violation, an error in the database's log), 2
        leaves the chunk for a job of its own, which finds it bound."""
        webhook, worker = self._cursor_env(), self._cursor_env()
        worker.cr.execute("SELECT 1")  # the chunk's snapshot is taken
        worker[MODEL].search([]).mapped("external_id")
        webhook[MODEL].import_record(self._backend(webhook), "2")
        webhook.cr.commit()
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            message = worker[MODEL].import_chunk(self._backend(worker), ["1", "2", "3"])
        worker.cr.commit()
        self.assertIn("2 records imported", message)
        self.assertIn("2: ", message)
        self.assertIn("created by another job", message)
        split = self._split_jobs(worker)
        self.assertEqual(len(split), 1)
        runner = self._cursor_env()
        self.assertEqual(Job.load(runner, split.uuid).perform(), "Already up to date.")
        self.assertEqual(self._counts(), {"1": 1, "2": 1, "3": 1})

    def test_killed_worker_mid_chunk(self):
        """The worker's connection dies after 2 records of 4: nothing of the
        chunk is kept; the requeued job imports every record exactly once."""
        with self.registry2.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            uuid = (
                env[MODEL]
                .with_delay()
                .import_chunk(self._backend(env), ["1", "2", "3", "4"])
                .uuid
            )
        worker = self._cursor_env()
        with self._backend(worker).work_on(MODEL) as work:
            importer_class = type(work.component(usage="record.importer"))
        after_import = importer_class._after_import
        done = []

        def kill_after_second(importer, binding):
            after_import(importer, binding)
            done.append(binding.external_id)
            if len(done) == 2:
                # the server ends the worker's session, as when its process dies
                importer.env.cr.execute("SELECT pg_terminate_backend(pg_backend_pid())")

        with (
            patch.object(importer_class, "_after_import", kill_after_second),
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.Error),
        ):
            Job.load(worker, uuid).perform()
        self.assertEqual(done, ["1", "2"])
        self.assertEqual(self._counts(), {})
        # the job runner requeues the job of the dead worker: it runs again
        runner = self._cursor_env()
        job = Job.load(runner, uuid)
        self.assertIn("4 records imported", job.perform())
        job.set_done()
        job.store()
        runner.cr.commit()
        self.assertEqual(self._counts(), {"1": 1, "2": 1, "3": 1, "4": 1})
        self.assertFalse(self._split_jobs(runner))
