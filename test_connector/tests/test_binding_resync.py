# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The "Resync" button of a binding enqueues its import."""

from odoo.exceptions import UserError
from odoo.tests import TransactionCase

from odoo.addons.queue_job.tests.common import trap_jobs


class TestBindingResync(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Resync"})

    def test_resync_enqueues_import(self):
        """Resync enqueues import_record(backend, external_id, force=True) each."""
        bindings = self.env["connector.test.binding"].create(
            [
                {"name": "R1", "backend_id": self.backend.id, "external_id": "R1"},
                {"name": "R2", "backend_id": self.backend.id, "external_id": "R2"},
                {"name": "Not exported", "backend_id": self.backend.id},
            ]
        )
        with trap_jobs() as trap:
            action = bindings.action_resync()
        self.assertEqual(action["tag"], "display_notification")
        trap.assert_jobs_count(2)
        calls = sorted(
            (job.method_name, job.args, job.kwargs) for job in trap.enqueued_jobs
        )
        self.assertEqual(
            calls,
            [
                ("import_record", (self.backend, "R1"), {"force": True}),
                ("import_record", (self.backend, "R2"), {"force": True}),
            ],
        )

    def test_resync_without_import(self):
        """A binding model without import_record says how to make it resyncable."""
        binding = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend.id, "external_id": 3}
        )
        with self.assertRaisesRegex(UserError, "no.inherits.binding.*import_record"):
            binding.action_resync()
