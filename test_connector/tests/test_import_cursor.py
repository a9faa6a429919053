# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""connector.import.cursor: one company per cursor, one scan per cursor."""

import contextlib

import psycopg2

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, get_db_name, new_test_user, tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from ..components.sync import SYNC_REMOTE

MODEL = "connector.sync.test.binding"


@tagged("post_install", "-at_install")
class TestImportCursorCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.company"].create({"name": "Cursor Company A"})
        cls.company_b = cls.env["res.company"].create({"name": "Cursor Company B"})
        cls.manager_a = cls._manager("cursor_manager_a", cls.company_a)
        cls.manager_b = cls._manager("cursor_manager_b", cls.company_b)
        cursors = cls.env["connector.import.cursor"]
        cls.cursor_a = cursors._get_for(cls._backend("A", cls.company_a), MODEL)
        cls.cursor_b = cursors._get_for(cls._backend("B", cls.company_b), MODEL)

    @classmethod
    def _manager(cls, login, company):
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_user,connector.group_connector_manager",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )

    @classmethod
    def _backend(cls, suffix, company):
        return cls.env["test.backend"].create(
            {"name": f"Cursor Backend {suffix}", "company_id": company.id}
        )

    def test_cursor_takes_backend_company(self):
        self.assertEqual(self.cursor_a.company_id, self.company_a)
        self.assertEqual(self.cursor_b.company_id, self.company_b)

    def test_managers_see_their_company_cursors(self):
        for manager, mine, other in (
            (self.manager_a, self.cursor_a, self.cursor_b),
            (self.manager_b, self.cursor_b, self.cursor_a),
        ):
            with self.subTest(user=manager.login):
                visible = (
                    self.env["connector.import.cursor"]
                    .with_user(manager)
                    .search([("id", "in", (self.cursor_a | self.cursor_b).ids)])
                )
                self.assertEqual(visible, mine)
                with self.assertRaises(Exception) as raised:
                    other.with_user(manager).read(["watermark"])
                self.assertIn("connector.import.cursor", str(raised.exception))

    def test_backend_moved_to_other_company(self):
        """The cursor follows its backend when the backend changes company."""
        backend = self.env["test.backend"].browse(
            int(self.cursor_a.backend_ref.split(",")[1])
        )
        backend.company_id = self.company_b
        cursor = self.env["connector.import.cursor"]._get_for(backend, MODEL)
        self.assertEqual(cursor, self.cursor_a)
        self.assertEqual(cursor.company_id, self.company_b)


class TwoCursorsCase(TransactionCase):
    """A committed backend and its import cursor; transactions of their own."""

    def setUp(self):
        super().setUp()
        SYNC_REMOTE.reset()
        self.addCleanup(SYNC_REMOTE.reset)
        for record_id in range(1, 8):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        self.registry2 = Registry(get_db_name())
        with self.registry2.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            backend = env["test.backend"].create({"name": "Two Scans"})
            # the cursor row exists before both scans, as after a first scan
            env["connector.import.cursor"]._get_for(backend, MODEL)
            self.backend_id = backend.id
        self.addCleanup(self._drop_backend)

    def _drop_backend(self):
        with self.registry2.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            backend = env["test.backend"].browse(self.backend_id)
            env["connector.import.cursor"].search(
                [("backend_ref", "=", f"test.backend,{self.backend_id}")]
            ).unlink()
            env["queue.job"].search(
                [("connector_backend_ref", "=", f"test.backend,{self.backend_id}")]
            ).unlink()
            backend.unlink()

    def _env(self):
        cr = self.registry2.cursor()
        self.addCleanup(cr.close)
        self.addCleanup(cr.rollback)
        # without the guard, the second scan would wait for the first one's
        # row lock: fail instead of hanging the test
        cr.execute("SET lock_timeout = '3s'")
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def _import_batch(self, env):
        backend = env["test.backend"].browse(self.backend_id)
        return env[MODEL].import_batch(backend)


@tagged("post_install", "-at_install")
class TestConcurrentScans(TwoCursorsCase):
    """Two transactions scanning the same backend and model at once."""

    def test_second_scan_gives_way(self):
        """The second scan is retried, without calling the remote, and the
        first one's position is the one saved."""
        first, second = self._env(), self._env()
        message = self._import_batch(first)
        self.assertIn("next job", message)
        pages = SYNC_REMOTE.listed_pages
        with self.assertRaises(RetryableJobError) as raised:
            self._import_batch(second)
        self.assertIn(
            "Another import of connector.sync.test.binding", str(raised.exception)
        )
        self.assertIn("retried", str(raised.exception))
        self.assertEqual(SYNC_REMOTE.listed_pages, pages)
        # the first scan commits its position; the next job resumes there
        first.cr.commit()
        second.cr.rollback()
        cursor = second["connector.import.cursor"].search(
            [("backend_ref", "=", f"test.backend,{self.backend_id}")]
        )
        self.assertTrue(cursor.scan_running)
        self.assertEqual(cursor.scan_offset, 4)
        self.assertIn("records listed", self._import_batch(second))
        self.assertFalse(cursor.scan_running)


@tagged("post_install", "-at_install")
class TestKilledScan(TwoCursorsCase):
    """A scan whose database connection dies mid-job, as with a killed worker."""

    def _run_trapped(self, env):
        """Run import_batch; return the enqueued record ids and whether the
        scan goes on in another job."""
        with trap_jobs() as trap:
            self._import_batch(env)
            jobs = trap.enqueued_jobs
        ids = [job.args[1] for job in jobs if job.method_name == "import_record"]
        return ids, any(job.method_name == "import_batch" for job in jobs)

    def _kill_after_first_page(self, victim):
        """Terminate ``victim``'s server process once it read a page."""
        pid = victim._cnx.get_backend_pid()

        def kill(remote, page):
            remote.after_page = None
            with self.registry2.cursor() as cr:
                cr.execute("SELECT pg_terminate_backend(%s)", (pid,))

        SYNC_REMOTE.after_page = kill

    def test_killed_job_resumes_from_saved_position(self):
        """Job 1 commits its pages; job 2 dies after reading one (nothing of
        it is kept); its retry lists from job 1's position, not page 1, and
        every record is enqueued exactly once."""
        for record_id in range(8, 14):
            SYNC_REMOTE.put(record_id, f"R{record_id}")
        first = self._env()
        enqueued, goes_on = self._run_trapped(first)
        first.cr.commit()
        self.assertEqual((enqueued, goes_on), (["1", "2", "3", "4", "5"], True))

        victim = self.registry2.cursor()
        self._kill_after_first_page(victim)
        with (
            self.assertRaises(psycopg2.Error),
            self.assertLogs("odoo.sql_db", "ERROR"),
        ):
            self._run_trapped(api.Environment(victim, api.SUPERUSER_ID, {}))
            victim.commit()
        with contextlib.suppress(psycopg2.Error):
            victim.close()

        listed = []
        SYNC_REMOTE.after_page = lambda remote, page: listed.append(page[0]["id"])
        retry = self._env()
        for _job in range(5):
            ids, goes_on = self._run_trapped(retry)
            enqueued += ids
            if not goes_on:
                break
        # the retry starts on the anchor of job 1's last page (record 5)
        self.assertEqual(listed[0], 5)
        self.assertEqual(sorted(enqueued, key=int), [str(i) for i in range(1, 14)])
