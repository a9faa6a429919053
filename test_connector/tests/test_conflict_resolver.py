# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Two-way sync: what each conflict policy does on import and on export."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields

from odoo.addons.component.tests.common import TransactionComponentCase


class TestConflictResolver(TransactionComponentCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Two Way"})
        self.binding = self.env["connector.test.binding"].create(
            {"name": "Odoo Name", "backend_id": self.backend.id, "external_id": "C1"}
        )
        write_date = self.binding.odoo_id.write_date
        # synchronized an hour before the Odoo record changed
        self.binding.sync_date = write_date - timedelta(hours=1)
        self.remote_changed = write_date - timedelta(minutes=30)
        self.remote_unchanged = write_date - timedelta(hours=2)
        self.checkpoints = self.env["connector.checkpoint"]

    def _resolver(self, policy):
        binding_class = type(self.env["connector.test.binding"])
        patcher = patch.object(
            binding_class, "_connector_conflict_policy", policy, create=True
        )
        patcher.start()
        self.addCleanup(patcher.stop)
        with self.backend.work_on("connector.test.binding") as work:
            return work.component(usage="conflict.resolver")

    def _new_checkpoints(self):
        return self.checkpoints.search(
            [
                ("model_name", "=", "connector.test.record"),
                ("record_id", "=", self.binding.odoo_id.id),
            ]
        )

    def test_remote_wins(self):
        """remote_wins: the import overwrites, the export is skipped."""
        resolver = self._resolver("remote_wins")
        self.assertTrue(
            resolver.should_import(
                self.binding, self.remote_changed, {"name": "Remote"}
            )
        )
        self.assertFalse(
            resolver.should_export(
                self.binding,
                self.remote_changed,
                {"name": "Odoo Name"},
                {"name": "Remote"},
            )
        )
        self.assertFalse(self._new_checkpoints())

    def test_odoo_wins(self):
        """odoo_wins: the import is skipped, the export overwrites."""
        resolver = self._resolver("odoo_wins")
        self.assertFalse(
            resolver.should_import(
                self.binding, self.remote_changed, {"name": "Remote"}
            )
        )
        self.assertTrue(
            resolver.should_export(
                self.binding,
                self.remote_changed,
                {"name": "Odoo Name"},
                {"name": "Remote"},
            )
        )
        self.assertFalse(self._new_checkpoints())

    def test_hold_import(self):
        """hold on import: nothing written, a checkpoint names the differing fields."""
        resolver = self._resolver("hold")
        values = {"name": "Remote", "active": True}
        self.assertFalse(
            resolver.should_import(self.binding, self.remote_changed, values)
        )
        checkpoint = self._new_checkpoints()
        self.assertEqual(len(checkpoint), 1)
        self.assertEqual(checkpoint.backend_id, self.backend)
        body = checkpoint.message_ids.filtered(
            lambda m: "Conflict" in (m.body or "")
        ).body
        self.assertIn("Fields that differ: name.", body)
        self.assertIn("import", body)
        self.assertEqual(self.binding.name, "Odoo Name")

    def test_hold_export(self):
        """hold on export: nothing sent, a checkpoint names the fields that differ."""
        resolver = self._resolver("hold")
        allowed = resolver.should_export(
            self.binding,
            fields.Datetime.to_string(self.remote_changed).replace(" ", "T") + "+00:00",
            {"name": "Odoo Name", "price": 3},
            {"name": "Remote", "price": 2},
        )
        self.assertFalse(allowed)
        body = (
            self._new_checkpoints()
            .message_ids.filtered(lambda m: "Conflict" in (m.body or ""))
            .body
        )
        self.assertIn("Fields that differ: name, price.", body)
        self.assertIn("export", body)

    def test_no_conflict_when_remote_unchanged(self):
        """Only Odoo changed: every policy lets both directions through."""
        for policy in ("remote_wins", "odoo_wins", "hold"):
            resolver = self._resolver(policy)
            self.assertTrue(
                resolver.should_import(
                    self.binding, self.remote_unchanged, {"name": "Remote"}
                )
            )
            self.assertTrue(
                resolver.should_export(
                    self.binding, self.remote_unchanged, {"name": "A"}, {"name": "B"}
                )
            )
        self.assertFalse(self._new_checkpoints())

    def test_no_conflict_when_odoo_unchanged(self):
        """Only the remote changed: a held model imports it."""
        self.binding.sync_date = self.binding.odoo_id.write_date + timedelta(seconds=1)
        resolver = self._resolver("hold")
        remote_date = self.binding.sync_date + timedelta(minutes=5)
        self.assertTrue(
            resolver.should_import(self.binding, remote_date, {"name": "Remote"})
        )
        self.assertFalse(self._new_checkpoints())

    def test_same_values_no_conflict(self):
        """Both sides changed to the same values: no conflict, no checkpoint."""
        resolver = self._resolver("hold")
        self.assertTrue(
            resolver.should_import(
                self.binding, self.remote_changed, {"name": "Odoo Name"}
            )
        )
        self.assertFalse(self._new_checkpoints())

    def test_default_policy_remote_wins(self):
        """A binding model without a policy keeps OCA's behaviour: the import wins."""
        with self.backend.work_on("connector.test.binding") as work:
            resolver = work.component(usage="conflict.resolver")
        self.assertEqual(resolver.get_policy(self.binding), "remote_wins")
        self.assertTrue(
            resolver.should_import(self.binding, self.remote_changed, {"name": "R"})
        )
