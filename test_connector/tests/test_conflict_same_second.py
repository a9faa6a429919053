# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""sync_date is kept to the second: the import that set it is no Odoo change."""

from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.tools import SQL

from odoo.addons.component.tests.common import TransactionComponentCase

SYNCED = datetime(2026, 3, 1, 10, 0, 0)


class TestConflictSameSecond(TransactionComponentCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Same Second"})
        self.binding = self.env["connector.test.binding"].create(
            {"name": "Odoo Name", "backend_id": self.backend.id, "external_id": "S1"}
        )
        self.binding.sync_date = SYNCED
        binding_class = type(self.env["connector.test.binding"])
        patcher = patch.object(
            binding_class, "_connector_conflict_policy", "hold", create=True
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def _odoo_written_at(self, when):
        record = self.binding.odoo_id
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = %s WHERE id = %s",
                SQL.identifier(record._table),
                when,
                record.id,
            )
        )
        self.env.invalidate_all()

    def _should_import(self):
        with self.backend.work_on("connector.test.binding") as work:
            resolver = work.component(usage="conflict.resolver")
            return resolver.should_import(
                self.binding, SYNCED + timedelta(minutes=5), {"name": "Remote"}
            )

    def test_write_in_the_sync_second_is_no_conflict(self):
        """An Odoo write within the second of the sync (the import's own) is
        not a change: the remote change is imported."""
        self._odoo_written_at(SYNCED + timedelta(microseconds=800000))
        self.assertTrue(self._should_import())

    def test_write_a_second_later_is_a_conflict(self):
        """An Odoo write in a later second still holds the remote change."""
        self._odoo_written_at(SYNCED + timedelta(seconds=1))
        self.assertFalse(self._should_import())
