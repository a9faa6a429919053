# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A retried export after a failure following the remote creation does not
create the record twice remotely."""

from odoo.addons.queue_job.controllers.main import _prevent_commit

from .fake_remote import SynchronizerCase


class JobFailure(Exception):
    """Failure of the job after the remote creation."""


class TestExporterRetry(SynchronizerCase):
    def _run_failing_job(self, binding, fail_in="_after_export"):
        """Run the export like queue_job does (savepoint, no commit) and fail
        it after the remote creation: the job's writes are rolled back."""
        exporter = self._work().component(usage="record.exporter")

        def fail(*args, **kwargs):
            raise JobFailure()

        setattr(exporter, fail_in, fail)
        with (
            self.assertRaises(JobFailure),
            _prevent_commit(self.env.cr),
            self.env.cr.savepoint(),
        ):
            exporter.run(binding)
        self.env.invalidate_all()

    def _retry_job(self, binding):
        with _prevent_commit(self.env.cr):
            return self._work().component(usage="record.exporter").run(binding)

    def test_retry_after_failure(self):
        """The failed job's bind is rolled back; the retry updates the remote record."""
        binding = self._binding("Alpha")
        self._run_failing_job(binding)
        self.assertEqual(self.remote.creates, ["R1"])
        self.assertFalse(binding.external_id, "the job's bind was rolled back")
        self.assertEqual(len(self._pending_rows()), 1)

        binding.name = "Alpha 2"
        message = self._retry_job(binding)
        self.assertEqual(self.remote.creates, ["R1"], "created twice remotely")
        self.assertEqual(self.remote.writes, ["R1"])
        self.assertEqual(self.remote.records["R1"]["name"], "Alpha 2")
        self.assertEqual(binding.external_id, "R1")
        self.assertEqual(message, "Record exported with ID R1 on Backend.")

    def test_retry_after_failure_in_bind(self):
        """A failure in bind itself is recovered the same way."""
        binding = self._binding("Beta")
        exporter = self._work().component(usage="record.exporter")

        def failing_bind(external_id, binding):
            raise JobFailure()

        exporter.binder.bind = failing_bind
        with self.assertRaises(JobFailure), self.env.cr.savepoint():
            exporter.run(binding)
        self._retry_job(binding)
        self.assertEqual(self.remote.creates, ["R1"])
        self.assertEqual(binding.external_id, "R1")

    def test_retry_recreated_dependency_binding(self):
        """A dependency binding created by the failed job is recreated with a new id
        and still finds its remote record: no duplicate of the dependency."""
        parent = self.env["connector.test.record"].create({"name": "Parent"})
        record = self.env["connector.test.record"].create(
            {"name": "Child", "parent_id": parent.id}
        )
        binding = self.env["connector.test.binding"].create(
            {"backend_id": self.backend.id, "odoo_id": record.id}
        )
        self._run_failing_job(binding)
        self.assertEqual(self.remote.creates, ["R1", "R2"])
        self.assertFalse(parent.bind_ids, "the dependency binding was rolled back")

        self._retry_job(binding)
        self.assertEqual(self.remote.creates, ["R1", "R2"], "created twice remotely")
        self.assertEqual(sorted(self.remote.writes), ["R1", "R2"])
        self.assertEqual(parent.bind_ids.external_id, "R1")
        self.assertEqual(binding.external_id, "R2")
        self.assertEqual(self.remote.records["R2"]["parent"], "R1")

    def test_pending_forgotten_after_commit(self):
        """Once the bind is committed, the pending external id is removed."""
        binding = self._binding("Gamma")
        self._retry_job(binding)
        self.assertEqual(len(self._pending_rows()), 1)
        # the test transaction never commits: run the post-commit hooks
        # as a commit would
        self.env.cr.postcommit.run()
        self.assertEqual(self._pending_rows(), [])

    def test_failed_job_keeps_pending(self):
        """A rolled back job does not run its post-commit hooks: the id stays."""
        binding = self._binding("Delta")
        self._run_failing_job(binding)
        self.env.cr.postcommit.clear()  # what a rollback does
        rows = self._pending_rows()
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][1], "R1")
