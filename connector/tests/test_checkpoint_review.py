# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from .common import CheckpointCase


class TestCheckpointReview(CheckpointCase):
    def test_reviewed(self):
        """reviewed() moves the checkpoint to the reviewed state."""
        checkpoint = self._add(self.partner)
        checkpoint.reviewed()
        self.assertEqual(checkpoint.state, "reviewed")

    def test_wizard_defaults_to_selection(self):
        """The wizard proposes the selected checkpoints that need a review."""
        first, second, done = (self._add(self.partner) for __ in range(3))
        done.reviewed()
        wizard = (
            self.env["connector.checkpoint.review"]
            .with_context(
                active_model="connector.checkpoint",
                active_ids=(first | second | done).ids,
            )
            .create({})
        )
        self.assertEqual(wizard.checkpoint_ids, first | second)

    def test_wizard_ignores_other_models(self):
        """Opened from another model, the wizard proposes nothing."""
        checkpoint = self._add(self.partner)
        wizard = (
            self.env["connector.checkpoint.review"]
            .with_context(active_model="res.partner", active_ids=checkpoint.ids)
            .create({})
        )
        self.assertFalse(wizard.checkpoint_ids)

    def test_wizard_reviews_many(self):
        """The wizard marks all its checkpoints reviewed, and only them."""
        checkpoints = self.env["connector.checkpoint"]
        for __ in range(4):
            checkpoints |= self._add(self.partner)
        untouched = self._add(self.partner)
        wizard = (
            self.env["connector.checkpoint.review"]
            .with_user(self.manager)
            .with_context(
                active_model="connector.checkpoint", active_ids=checkpoints.ids
            )
            .create({})
        )
        action = wizard.review()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(set(checkpoints.mapped("state")), {"reviewed"})
        self.assertEqual(untouched.state, "need_review")

    def test_review_is_tracked(self):
        """Reviewing leaves a trace of the state change in the chatter."""
        checkpoint = self._add(self.partner)
        # mail tracks the changes of records created in an earlier transaction
        self._end_transaction()
        checkpoint.with_user(self.manager).reviewed()
        self._end_transaction()
        checkpoint.invalidate_recordset(["message_ids"])
        tracked = checkpoint.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.mail_message_id.author_id, self.manager.partner_id)

    def _end_transaction(self):
        """Run what a commit would run (tracking is written there)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
