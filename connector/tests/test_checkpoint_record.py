# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import UserError

from .common import CheckpointCase


class TestCheckpointRecord(CheckpointCase):
    def test_name_is_record_name(self):
        """The checkpoint is named after the record to review."""
        checkpoint = self._add(self.partner)
        self.assertEqual(checkpoint.name, "Partner To Review")
        self.assertEqual(checkpoint.display_name, "Partner To Review")

    def test_deleted_record(self):
        """A deleted record leaves an empty reference and a model#id name."""
        partner = self.env["res.partner"].create({"name": "Short Lived"})
        checkpoint = self._add(partner)
        partner_id = partner.id
        partner.unlink()
        checkpoint.invalidate_recordset()
        self.assertFalse(checkpoint.record)
        self.assertEqual(checkpoint.name, f"res.partner #{partner_id}")

    def test_open_record(self):
        """The smart button opens the form of the record to review."""
        action = self._add(self.partner).action_open_record()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["res_id"], self.partner.id)
        self.assertEqual(action["view_mode"], "form")

    def test_open_deleted_record(self):
        """Opening a deleted record explains it and suggests reviewing."""
        partner = self.env["res.partner"].create({"name": "Short Lived"})
        checkpoint = self._add(partner)
        partner.unlink()
        checkpoint.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "no longer exists.*reviewed"):
            checkpoint.action_open_record()

    def test_search_by_name(self):
        """Searching checkpoints by name finds them through their records."""
        other = self.env["res.partner"].create({"name": "Someone Else"})
        country = self.env.ref("base.be")
        to_review = self._add(self.partner)
        not_matching = self._add(other)
        on_country = self._add(country)
        Checkpoint = self.env["connector.checkpoint"]
        found = Checkpoint.search([("name", "ilike", "to review")])
        self.assertEqual(found, to_review)
        found = Checkpoint.search([("name", "ilike", "belg")])
        self.assertEqual(found, on_country)
        excluded = Checkpoint.search(
            [
                ("name", "not ilike", "to review"),
                ("id", "in", (to_review | not_matching).ids),
            ]
        )
        self.assertEqual(excluded, not_matching)

    def test_record_the_manager_cannot_read(self):
        """A record hidden from the manager gives a model#id name, no error."""
        function = self.env.ref("queue_job.job_function_queue_job__test_job")
        hidden = self._add(function)
        to_review = self._add(self.partner)
        # the names computed as superuser at creation are cached: forget them
        self.env.invalidate_all()
        Checkpoint = self.env["connector.checkpoint"].with_user(self.manager)
        self.assertEqual(
            Checkpoint.browse(hidden.id).name, f"queue.job.function #{function.id}"
        )
        self.assertEqual(Checkpoint.search([("name", "ilike", "test_job")]).ids, [])
        found = Checkpoint.search([("name", "ilike", "to review")])
        self.assertEqual(found.ids, to_review.ids)

    def test_backend_reference(self):
        """The backend is kept as a reference to any model."""
        checkpoint = self._add(self.partner, backend=self.env.ref("base.be"))
        self.assertEqual(checkpoint.backend_id, self.env.ref("base.be"))
        self.assertEqual(checkpoint.company_id, self.env.company)
