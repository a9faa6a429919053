# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""generic.exporter: create/update, skip, dependencies, and no commit."""

import psycopg2

from odoo.tools import mute_logger

from odoo.addons.connector.exception import IDMissingInBackend, RetryableJobError
from odoo.addons.queue_job.controllers.main import _prevent_commit

from .fake_remote import SynchronizerCase


class TestGenericExporter(SynchronizerCase):
    def _exporter(self, backend=None):
        return self._work(backend).component(usage="record.exporter")

    def test_export_create(self):
        """A binding without external id is created remotely and bound."""
        binding = self._binding("Alpha")
        message = self._exporter().run(binding)
        self.assertEqual(self.remote.creates, ["R1"])
        self.assertEqual(self.remote.records["R1"], {"name": "Alpha", "parent": False})
        self.assertEqual(binding.external_id, "R1")
        self.assertTrue(binding.sync_date)
        self.assertEqual(message, "Record exported with ID R1 on Backend.")

    def test_export_update(self):
        """A bound binding is written remotely, with the requested fields only."""
        binding = self._binding("Beta")
        self._exporter().run(binding)
        binding.name = "Beta 2"
        self._exporter().run(binding, fields=["name"])
        self.assertEqual(self.remote.creates, ["R1"])
        self.assertEqual(self.remote.writes, ["R1"])
        self.assertEqual(self.remote.records["R1"]["name"], "Beta 2")

    def test_nothing_to_export(self):
        """Empty values: nothing is sent and nothing is bound (no assertion error)."""
        binding = self._binding("Gamma")
        exporter = self._exporter()
        exporter._create_data = lambda map_record, fields=None, **kw: {}
        self.assertEqual(exporter.run(binding), "Nothing to export.")
        self.assertEqual(self.remote.creates, [])
        self.assertFalse(binding.external_id)

    def test_skip(self):
        """_has_to_skip() skips the export before anything is locked or sent."""
        binding = self._binding("Delta")
        exporter = self._exporter()
        exporter._has_to_skip = lambda: True
        exporter._lock = lambda: self.fail("a skipped export must not lock")
        self.assertIsNone(exporter.run(binding))
        self.assertEqual(self.remote.creates, [])
        self.assertFalse(binding.external_id)

    def test_after_export_sees_binding(self):
        """_after_export() runs once the external id is bound."""
        binding = self._binding("Epsilon")
        exporter = self._exporter()
        seen = []
        exporter._after_export = lambda: seen.append(exporter.binding.external_id)
        exporter.run(binding)
        self.assertEqual(seen, ["R1"])

    def test_dependency_chain(self):
        """Dependencies are exported first, their missing bindings created."""
        grandparent = self.env["connector.test.record"].create({"name": "Grandparent"})
        parent = self.env["connector.test.record"].create(
            {"name": "Parent", "parent_id": grandparent.id}
        )
        record = self.env["connector.test.record"].create(
            {"name": "Child", "parent_id": parent.id}
        )
        binding = self.env["connector.test.binding"].create(
            {"backend_id": self.backend.id, "odoo_id": record.id}
        )
        self._exporter().run(binding)
        # created remotely from the root down, each one knowing its parent
        self.assertEqual(self.remote.creates, ["R1", "R2", "R3"])
        self.assertEqual(
            [self.remote.records[rid] for rid in ("R1", "R2", "R3")],
            [
                {"name": "Grandparent", "parent": False},
                {"name": "Parent", "parent": "R1"},
                {"name": "Child", "parent": "R2"},
            ],
        )
        self.assertEqual(grandparent.bind_ids.backend_id, self.backend)
        self.assertEqual(grandparent.bind_ids.external_id, "R1")
        self.assertEqual(parent.bind_ids.external_id, "R2")

    def test_dependency_already_exported(self):
        """A dependency with an external id is not exported again."""
        parent = self._binding("Parent")
        self._exporter().run(parent)
        child = self._binding("Child", parent=parent)
        self._exporter().run(child)
        self.assertEqual(self.remote.creates, ["R1", "R2"])
        self.assertEqual(self.remote.writes, [])
        self.assertEqual(self.remote.records["R2"]["parent"], "R1")

    def test_never_commits(self):
        """The export runs under queue_job's commit guard: it never commits the job."""
        parent = self._binding("Parent")
        child = self._binding("Child", parent=parent)
        with _prevent_commit(self.env.cr):
            self._exporter().run(child)
        self.assertEqual(self.remote.creates, ["R1", "R2"])
        self.assertEqual(child.external_id, "R2")

    def test_unique_violation_retried(self):
        """Unique violations become RetryableJobError, other integrity errors not."""
        first = self._binding("First", external_id="X1")
        exporter = self._exporter()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(RetryableJobError, "2 concurrent jobs"),
            exporter._retry_unique_violation(),
        ):
            self._binding("Second", external_id="X1")
        # the savepoint kept the transaction usable
        self.assertEqual(first.external_id, "X1")
        record = self.env["connector.test.record"].create({"name": "No backend"})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            exporter._retry_unique_violation(),
        ):
            self.env["connector.test.binding"].create({"odoo_id": record.id})

    def test_unique_violation_guard_leaves_precommit_hooks(self):
        """The guard flushes the ORM's writes (a violation raises inside it)
        but leaves the precommit hooks, mail tracking among them, to the end
        of the transaction: a record created then confirmed by one import
        gets one chatter message, as with any create."""
        exporter = self._exporter()
        ran = []
        with exporter._retry_unique_violation():
            binding = self._binding("Pending", external_id="P1")
            binding.external_id = "P2"
            self.env.cr.precommit.add(lambda: ran.append("hook"))
        self.assertFalse(ran)
        self.env.cr.execute(
            "SELECT external_id FROM connector_test_binding WHERE id = %s",
            (binding.id,),
        )
        self.assertEqual(self.env.cr.fetchone()[0], "P2")
        self.env.cr.flush()
        self.assertEqual(ran, ["hook"])

    def test_missing_in_backend_recreated(self):
        """IDMissingInBackend from _should_import: the record is created again."""
        binding = self._binding("Zeta", external_id="GONE")
        exporter = self._exporter()

        def should_import():
            raise IDMissingInBackend("GONE was deleted remotely")

        exporter._should_import = should_import
        exporter.run(binding)
        self.assertEqual(self.remote.creates, ["R1"])
        self.assertEqual(self.remote.writes, [])
        self.assertEqual(binding.external_id, "R1")
