# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Two transactions exporting the same binding: one proceeds, the other retries."""

from odoo.addons.connector.exception import RetryableJobError

from .fake_remote import SynchronizerCase


class TestExporterConcurrency(SynchronizerCase):
    def setUp(self):
        super().setUp()

        def build(env):
            backend = env["test.backend"].create({"name": "Concurrent"})
            record = env["connector.test.record"].create({"name": "Shared"})
            binding = env["connector.test.binding"].create(
                {"backend_id": backend.id, "odoo_id": record.id}
            )
            return [backend, record, binding]

        refs = self._commit_records(build)
        self.backend_id = refs[0][1][0]
        self.binding_id = refs[2][1][0]

    def _exporter(self, env):
        backend = env["test.backend"].browse(self.backend_id)
        with backend.work_on("connector.test.binding", remote=self.remote) as work:
            return work.component(usage="record.exporter")

    def test_concurrent_export(self):
        """The second transaction gets RetryableJobError and sends nothing."""
        env1, env2 = self._side_env(), self._side_env()
        binding1 = env1["connector.test.binding"].browse(self.binding_id)
        binding2 = env2["connector.test.binding"].browse(self.binding_id)
        self._exporter(env1).run(binding1)
        with self.assertRaisesRegex(
            RetryableJobError, "already exporting the same record"
        ):
            self._exporter(env2).run(binding2)
        self.assertEqual(self.remote.creates, ["R1"])
        # the first transaction is intact and holds its result
        self.assertEqual(binding1.external_id, "R1")

    def test_export_after_concurrent_commit(self):
        """A transaction started before the other one committed its export retries,
        then exports as an update."""
        env1, env2 = self._side_env(), self._side_env()
        binding2 = env2["connector.test.binding"].browse(self.binding_id)
        # env2's snapshot starts now, before env1's export is committed
        self.assertFalse(binding2.external_id)
        self._exporter(env1).run(env1["connector.test.binding"].browse(self.binding_id))
        env1.cr.commit()
        with self.assertRaises(RetryableJobError):
            self._exporter(env2).run(binding2)
        env2.cr.rollback()
        env2.transaction.reset()
        self._exporter(env2).run(env2["connector.test.binding"].browse(self.binding_id))
        self.assertEqual(self.remote.creates, ["R1"])
        self.assertEqual(self.remote.writes, ["R1"])
