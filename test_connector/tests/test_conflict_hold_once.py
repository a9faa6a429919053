# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Conflicts: one open checkpoint per record, and empty relations equal False."""

from datetime import timedelta
from unittest.mock import patch

from odoo.addons.component.tests.common import TransactionComponentCase


class TestConflictHoldOnce(TransactionComponentCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Held Twice"})
        self.binding = self.env["connector.test.binding"].create(
            {"name": "Odoo Name", "backend_id": self.backend.id, "external_id": "H1"}
        )
        write_date = self.binding.odoo_id.write_date
        self.binding.sync_date = write_date - timedelta(hours=1)
        self.remote_changed = write_date - timedelta(minutes=30)
        patcher = patch.object(
            type(self.binding), "_connector_conflict_policy", "hold", create=True
        )
        patcher.start()
        self.addCleanup(patcher.stop)
        with self.backend.work_on("connector.test.binding") as work:
            self.resolver = work.component(usage="conflict.resolver")

    def _checkpoints(self):
        return self.env["connector.checkpoint"].search(
            [
                ("model_name", "=", "connector.test.record"),
                ("record_id", "=", self.binding.odoo_id.id),
            ]
        )

    def _conflict_notes(self, checkpoint):
        return checkpoint.message_ids.filtered(lambda m: "Conflict" in (m.body or ""))

    def test_conflict_seen_twice_keeps_one_checkpoint(self):
        """A conflict held again notes the open checkpoint instead of adding one."""
        for name in ("Remote 1", "Remote 2"):
            self.assertFalse(
                self.resolver.should_import(
                    self.binding, self.remote_changed, {"name": name}
                )
            )
        checkpoint = self._checkpoints()
        self.assertEqual(len(checkpoint), 1)
        notes = self._conflict_notes(checkpoint)
        self.assertEqual(len(notes), 2)
        self.assertTrue(any("still held" in note.body for note in notes))

    def test_held_conflict_checkpoint_says_why(self):
        """The checkpoint of a held conflict carries its reason: the fields that
        differ, that nothing was written, and what to do."""
        self.resolver.should_import(
            self.binding, self.remote_changed, {"name": "Remote Name"}
        )
        reason = self._checkpoints().reason
        self.assertIn("name", reason)
        self.assertIn(self.binding.odoo_id.display_name, reason)
        self.assertIn("resync", reason)

    def test_reviewed_checkpoint_gets_a_new_one(self):
        """Once the checkpoint is reviewed, a new conflict opens a new checkpoint."""
        self.resolver.should_import(self.binding, self.remote_changed, {"name": "R1"})
        self._checkpoints().reviewed()
        self.resolver.should_import(self.binding, self.remote_changed, {"name": "R2"})
        checkpoints = self._checkpoints()
        self.assertEqual(len(checkpoints), 2)
        self.assertEqual(
            sorted(checkpoints.mapped("state")), ["need_review", "reviewed"]
        )

    def test_empty_many2one_equals_false(self):
        """An empty relation in Odoo and a mapped False are the same value."""
        self.assertFalse(self.binding.parent_id)
        self.assertTrue(
            self.resolver.should_import(
                self.binding, self.remote_changed, {"parent_id": False}
            )
        )
        self.assertFalse(self._checkpoints())
        self.assertEqual(
            self.resolver.get_differences(
                {"parent_id": self.binding.parent_id}, {"parent_id": False}
            ),
            [],
        )
