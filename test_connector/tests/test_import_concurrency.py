# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Two imports of the same external record: one binding, never two."""

from odoo.addons.connector.exception import RetryableJobError

from .fake_remote import SynchronizerCase


class TestImportConcurrency(SynchronizerCase):
    def setUp(self):
        super().setUp()
        refs = self._commit_records(
            lambda env: [env["test.backend"].create({"name": "Concurrent Import"})]
        )
        self.backend_id = refs[0][1][0]
        self.remote.records["X1"] = {"name": "Remote X1"}

        def delete_imported():
            with self.registry2.cursor() as cr:
                cr.execute(
                    "SELECT odoo_id FROM connector_test_binding WHERE backend_id = %s",
                    (self.backend_id,),
                )
                record_ids = [row[0] for row in cr.fetchall()]
                cr.execute(
                    "DELETE FROM connector_test_binding WHERE backend_id = %s",
                    (self.backend_id,),
                )
                if record_ids:
                    cr.execute(
                        "DELETE FROM connector_test_record WHERE id IN %s",
                        (tuple(record_ids),),
                    )

        # runs before the backend is deleted (cleanups run in reverse order)
        self.addCleanup(delete_imported)

    def _importer(self, env):
        backend = env["test.backend"].browse(self.backend_id)
        with backend.work_on("connector.test.binding", remote=self.remote) as work:
            return work.component(usage="record.importer")

    def _count(self, env):
        return env["connector.test.binding"].search_count(
            [("backend_id", "=", self.backend_id), ("external_id", "=", "X1")]
        )

    def test_concurrent_import(self):
        """The 2nd import retries while the 1st holds the record, then updates it."""
        env1, env2 = self._side_env(), self._side_env()
        binding = self._importer(env1).run("X1")
        with self.assertRaises(RetryableJobError) as raised:
            self._importer(env2).run("X1")
        self.assertEqual(raised.exception.seconds, 2)
        self.assertEqual(self._count(env2), 0)
        env1.cr.commit()

        # the retried job finds the binding of the first one
        env2.cr.rollback()
        env2.transaction.reset()
        self.remote.records["X1"]["name"] = "Remote X1 v2"
        binding2 = self._importer(env2).run("X1")
        self.assertEqual(binding2.id, binding.id)
        self.assertEqual(binding2.name, "Remote X1 v2")
        self.assertEqual(self._count(env2), 1)

    def test_import_twice_same_transaction(self):
        """Importing again in the same transaction updates the binding."""
        env = self.env
        self.backend_id = self.backend.id
        first = self._importer(env).run("X1")
        second = self._importer(env).run("X1")
        self.assertEqual(first, second)
        self.assertEqual(self._count(env), 1)
