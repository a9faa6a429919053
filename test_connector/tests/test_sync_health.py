# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The sync health counts of a backend and the lists its smart buttons open."""

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase

from odoo.addons.connector.models.checkpoint import add_checkpoint


class TestSyncHealth(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Healthy"})
        self.other = self.env["test.backend"].create({"name": "Other"})
        self.ref = f"test.backend,{self.backend.id}"
        bindings = self.env["connector.test.binding"]
        self.last_sync = fields.Datetime.to_datetime("2026-11-20 08:30:00")
        self.binding = bindings.create(
            {
                "name": "B1",
                "backend_id": self.backend.id,
                "external_id": "1",
                "sync_date": self.last_sync - timedelta(days=2),
            }
        )
        bindings.create(
            {
                "name": "B2",
                "backend_id": self.backend.id,
                "external_id": "2",
                "sync_date": self.last_sync,
            }
        )
        bindings.create({"name": "B3", "backend_id": self.other.id, "external_id": "1"})
        self.env["no.inherits.binding"].create(
            {"backend_id": self.backend.id, "external_id": 5}
        )

    def _enqueue_jobs(self):
        """Jobs on the backend, on a binding, on the model with the backend as
        argument, and one job of the other backend."""
        jobs = [
            self.backend.with_delay().remote_call("boom"),
            self.binding.with_delay().job_related_action_unwrap(),
            self.env["connector.test.binding"]
            .with_delay()
            .import_record(self.backend, "3"),
            self.env["connector.test.binding"]
            .with_delay()
            .import_record(self.backend, "4"),
            self.other.with_delay().remote_call("boom"),
        ]
        return self.env["queue.job"].search(
            [("uuid", "in", [job.uuid for job in jobs])]
        )

    def test_jobs_tagged_with_backend(self):
        """Jobs enqueued on a backend, a binding or with a backend argument name it."""
        jobs = self._enqueue_jobs()
        self.assertEqual(
            jobs.sorted("id").mapped("connector_backend_ref"),
            [self.ref] * 4 + [f"test.backend,{self.other.id}"],
        )
        label = self.env["test.backend"]._description
        self.assertEqual(
            jobs.sorted("id").mapped("connector_backend_name"),
            [f"{label}: {self.backend.name}"] * 4 + [f"{label}: {self.other.name}"],
        )

    def test_binding_counts(self):
        """Bindings are counted over every binding model, with the last sync date."""
        self.assertEqual(self.backend.health_binding_count, 3)
        self.assertEqual(self.backend.health_last_sync, self.last_sync)
        self.assertIn("Bindings for testing purpose", self.backend.health_summary)
        self.assertEqual(
            self.backend._get_binding_models(),
            [
                "connector.sync.test.binding",
                "connector.test.binding",
                "no.inherits.binding",
            ],
        )

    def test_summary_dates_in_user_format(self):
        """The summary's last sync is shown in the user's time zone and date
        format, not as the raw UTC string stored in the database."""
        self.env.user.tz = "Europe/Brussels"
        self.env["res.lang"]._activate_lang("fr_FR")
        backend = self.backend.with_context(lang="fr_FR", tz="Europe/Brussels")
        summary = str(backend.health_summary)
        self.assertNotIn("2026-11-20 08:30:00", summary)
        # 08:30 UTC is 09:30 in Brussels in November; French dates are day first
        self.assertIn("20/11/2026 09:30:00", summary)

    def test_job_counts(self):
        """Pending, failed, done today and oldest pending age: this backend only."""
        jobs = self._enqueue_jobs().sorted("id")
        jobs[0].write({"state": "failed"})
        jobs[1].write({"state": "done", "date_done": fields.Datetime.now()})
        self.env.cr.execute(
            "UPDATE queue_job SET date_created ="
            " now() at time zone 'UTC' - interval '5 hours' WHERE id = %s",
            (jobs[2].id,),
        )
        jobs.invalidate_recordset()
        backend = self.backend
        backend.invalidate_recordset()
        self.assertEqual(backend.health_job_pending_count, 2)
        self.assertEqual(backend.health_job_failed_count, 1)
        self.assertEqual(backend.health_job_done_today_count, 1)
        self.assertAlmostEqual(backend.health_oldest_pending_hours, 5, delta=0.1)
        self.assertEqual(self.other.health_job_pending_count, 1)

    def test_job_actions(self):
        """Each job smart button opens exactly the jobs it counts."""
        jobs = self._enqueue_jobs().sorted("id")
        jobs[0].write({"state": "failed"})
        jobs[1].write({"state": "done", "date_done": fields.Datetime.now()})
        expected = {
            "action_open_jobs_pending": jobs[2:4],
            "action_open_jobs_failed": jobs[0],
            "action_open_jobs_done_today": jobs[1],
        }
        for method, records in expected.items():
            action = getattr(self.backend, method)()
            self.assertEqual(action["res_model"], "queue.job")
            found = self.env["queue.job"].search(action["domain"])
            self.assertEqual(found, records, method)

    def test_checkpoints(self):
        """Checkpoints to review of this backend are counted and opened."""
        record = self.binding.odoo_id
        add_checkpoint(
            self.env, record._name, record.id, "test.backend", self.backend.id
        )
        reviewed = add_checkpoint(
            self.env, record._name, record.id, "test.backend", self.backend.id
        )
        reviewed.reviewed()
        add_checkpoint(self.env, record._name, record.id, "test.backend", self.other.id)
        self.assertEqual(self.backend.health_checkpoint_count, 1)
        action = self.backend.action_open_checkpoints()
        self.assertEqual(action["res_model"], "connector.checkpoint")
        found = self.env["connector.checkpoint"].search(action["domain"])
        self.assertEqual(len(found), 1)
        self.assertEqual(found.backend_id, self.backend)
        self.assertEqual(found.state, "need_review")

    def test_bindings_action(self):
        """The bindings button opens the backend's bindings of the chosen model."""
        action = self.backend.with_context(
            binding_model="no.inherits.binding"
        ).action_open_bindings()
        self.assertEqual(action["res_model"], "no.inherits.binding")
        self.assertEqual(
            self.env["no.inherits.binding"].search_count(action["domain"]), 1
        )
        # without a chosen model: the first one
        action = self.backend.action_open_bindings()
        self.assertEqual(action["res_model"], "connector.sync.test.binding")
        action = self.backend.with_context(
            binding_model="connector.test.binding"
        ).action_open_bindings()
        self.assertEqual(action["res_model"], "connector.test.binding")
        self.assertEqual(
            self.env["connector.test.binding"].search_count(action["domain"]), 2
        )
