# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A creation whose answer is lost is not repeated: the retry looks the
record up on the remote first (a real HTTP remote on loopback)."""

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

from odoo.tests.common import TransactionCase
from odoo.tools import config

from odoo.addons.queue_job.controllers.main import _prevent_commit

from .fake_remote import BindingExporter, BindingExportMapper, SynchronizerCase
from .loopback_remote import LoopbackAdapter, LoopbackRemote, MarkerExporter

# Run by the killed-worker test in a separate process: the export of one
# committed binding, as a job would run it, up to the remote creation.
_WORKER = textwrap.dedent(
    """
    import sys
    import odoo.tools.config
    from odoo import api
    from odoo.modules.registry import Registry

    addons, dbname, backend_id, binding_id, url = sys.argv[1:6]
    odoo.tools.config.parse_config(
        # critical: a registry loaded during a module install logs errors
        # about the modules still to install, which are no concern here
        ["--addons-path=" + addons, "--log-level=critical"], setup_logging=True
    )
    registry = Registry(dbname)
    from odoo.addons.component.core import ComponentRegistry
    from odoo.addons.test_connector.tests.fake_remote import BindingExportMapper
    from odoo.addons.test_connector.tests.loopback_remote import (
        LoopbackAdapter,
        MarkerExporter,
    )

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        components = ComponentRegistry()
        env["component.builder"].build_registry(components)
        for cls in (LoopbackAdapter, BindingExportMapper, MarkerExporter):
            cls._build_component(components)
        components.ready = True
        cr.execute("SELECT pg_backend_pid()")
        print(cr.fetchone()[0], flush=True)
        backend = env["test.backend"].browse(int(backend_id))
        binding = env["connector.test.binding"].browse(int(binding_id))
        with backend.work_on(
            binding._name, components_registry=components, remote_url=url
        ) as work:
            work.component(usage="record.exporter").run(binding)
    """
)


class TestExporterUnknownOutcome(SynchronizerCase):
    fake_components = (LoopbackAdapter, BindingExportMapper, MarkerExporter)

    def setUp(self):
        super().setUp()
        self.loopback = LoopbackRemote().start()
        self.addCleanup(self.loopback.stop)

    def _work(self, backend=None, model_name="connector.test.binding"):
        backend = backend or self.backend
        with backend.work_on(model_name, remote_url=self.loopback.url) as work:
            return work

    def _export(self, binding):
        with _prevent_commit(binding.env.cr):
            work = self._work(backend=binding.backend_id)
            return work.component(usage="record.exporter").run(binding)

    def test_lost_answer_then_retry(self):
        """The remote creates the record and drops the connection: the job
        fails; the retry finds the record by its marker, updates and binds it."""
        binding = self._binding("Alpha")
        self.loopback.drop_next_answer = True
        with self.assertRaises(OSError), self.env.cr.savepoint():
            self._export(binding)
        self.env.invalidate_all()
        self.assertEqual(self.loopback.creates, ["H1"])
        self.assertFalse(binding.external_id)
        self.assertEqual([row[1] for row in self._pending_rows()], [None])

        binding.name = "Alpha 2"
        message = self._export(binding)
        self.assertEqual(self.loopback.creates, ["H1"], "created twice remotely")
        self.assertEqual(self.loopback.lookups, 1)
        self.assertEqual(self.loopback.writes, ["H1"])
        self.assertEqual(self.loopback.records["H1"]["name"], "Alpha 2")
        self.assertEqual(binding.external_id, "H1")
        self.assertEqual(message, "Record exported with ID H1 on Backend.")
        self.assertEqual([row[1] for row in self._pending_rows()], ["H1"])

    def test_answered_creation_needs_no_lookup(self):
        """A creation that got its answer never asks the remote to look up."""
        binding = self._binding("Beta")
        self._export(binding)
        self.assertEqual(self.loopback.creates, ["H1"])
        self.assertEqual(self.loopback.lookups, 0)
        self.assertEqual(binding.external_id, "H1")

    def test_killed_worker_then_retry(self):
        """A worker killed while the remote creates the record: the retry, in
        another process, binds the record created instead of creating again."""

        def build(env):
            backend = env["test.backend"].create({"name": "Killed worker"})
            record = env["connector.test.record"].create({"name": "Gamma"})
            binding = env["connector.test.binding"].create(
                {"backend_id": backend.id, "odoo_id": record.id}
            )
            return [backend, record, binding]

        (__, (backend_id,)), __, (__, (binding_id,)) = self._commit_records(build)
        self.loopback.hold_before_drop = threading.Event()
        self.loopback.drop_next_answer = True
        errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by cleanup
        self.addCleanup(errors.close)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WORKER,
                config["addons_path"]
                if isinstance(config["addons_path"], str)
                else ",".join(config["addons_path"]),
                self.env.cr.dbname,
                str(backend_id),
                str(binding_id),
                self.loopback.url,
            ],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        self.addCleanup(lambda: worker.poll() is None and worker.kill())
        line = worker.stdout.readline()
        if not line or not self.loopback.created.wait(120):
            worker.kill()
            errors.seek(0)
            self.fail(f"the worker never reached the remote:\n{errors.read()}")
        backend_pid = int(line)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(30)
        self._wait_backend_gone(backend_pid)
        self.assertEqual(self.loopback.creates, ["H1"])

        env = self._side_env()
        binding = env["connector.test.binding"].browse(binding_id)
        self.assertFalse(binding.external_id, "the killed worker bound nothing")
        self._export(binding)
        self.assertEqual(self.loopback.creates, ["H1"], "created twice remotely")
        self.assertEqual(self.loopback.lookups, 1)
        self.assertEqual(binding.external_id, "H1")
        self.assertEqual(self.loopback.records["H1"]["name"], "Gamma")

    def _wait_backend_gone(self, pid):
        """Wait until PostgreSQL ended the killed worker's session (its lock
        on the binding row goes with it)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with self.registry2.cursor() as cr:
                cr.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,))
                if not cr.fetchone():
                    return
            time.sleep(0.1)
        self.fail(f"PostgreSQL session {pid} of the killed worker did not end")


class TestExporterUnknownOutcomeNoLookup(SynchronizerCase):
    """Without a lookup, the exporter keeps OCA's behaviour: it creates again,
    and says so in the log."""

    fake_components = (LoopbackAdapter, BindingExportMapper, BindingExporter)

    def setUp(self):
        super().setUp()
        self.loopback = LoopbackRemote().start()
        self.addCleanup(self.loopback.stop)

    def test_lost_answer_creates_again(self):
        binding = self._binding("Delta")
        self.loopback.drop_next_answer = True
        work = self._work()
        work.remote_url = self.loopback.url
        exporter = work.component(usage="record.exporter")
        with (
            self.assertRaises(OSError),
            self.env.cr.savepoint(),
            _prevent_commit(self.env.cr),
        ):
            exporter.run(binding)
        self.env.invalidate_all()
        with (
            self.assertLogs(
                "odoo.addons.connector.components.synchronizer", "WARNING"
            ) as logs,
            _prevent_commit(self.env.cr),
        ):
            work.component(usage="record.exporter").run(binding)
        self.assertIn("creating it again", logs.output[0])
        self.assertEqual(self.loopback.creates, ["H1", "H2"])
        self.assertEqual(binding.external_id, "H2")


class TestPendingPurge(TransactionCase):
    def test_purge_stale_rows(self):
        """The daily cron deletes the rows untouched for the retention period
        (``connector.pending_binding_retention_days``) and keeps the others."""
        Pending = self.env["connector.pending.binding"]
        old, recent, unknown = (
            Pending.create(
                {
                    "res_model": "connector.test.binding",
                    "res_id": index + 1,
                    "lookup_key": f"purge-{index}",
                    "external_id": external_id,
                }
            )
            for index, external_id in enumerate(["R1", "R2", None])
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE connector_pending_binding SET write_date = "
            "now() at time zone 'UTC' - interval '11 days' WHERE id IN %s",
            (tuple((old | unknown).ids),),
        )
        self.env.invalidate_all()
        self.env["ir.config_parameter"].set_param(
            "connector.pending_binding_retention_days", "10"
        )
        cron = self.env.ref("connector.ir_cron_purge_pending_binding")
        self.assertTrue(cron.active)
        # the cron's server action, in this transaction
        cron.ir_actions_server_id.run()
        self.assertEqual((old | recent | unknown).exists(), recent)
