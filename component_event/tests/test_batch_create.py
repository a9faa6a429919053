# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import math
from unittest import mock

from odoo.orm.models import INSERT_BATCH_SIZE
from odoo.sql_db import Cursor
from odoo.tools import SQL

from .common import EventRegistryCase

BATCH = 1000


class TestBatchCreate(EventRegistryCase):
    """A create of many records stays one batch, with one event per record."""

    def _count_partner_inserts(self, model, vals_list):
        """Create ``vals_list``; return the records and the INSERTs into res_partner."""
        queries = []
        execute = Cursor.execute

        def counting_execute(cr, query, params=None, log_exceptions=None):
            queries.append(query.code if isinstance(query, SQL) else query)
            return execute(cr, query, params, log_exceptions)

        self.env.flush_all()
        with mock.patch.object(Cursor, "execute", counting_execute):
            records = model.create(vals_list)
            self.env.flush_all()
        inserts = [
            q for q in queries if q.lstrip().startswith('INSERT INTO "res_partner"')
        ]
        return records, len(inserts)

    def test_batch_create_one_insert_batch(self):
        """1,000 partners with a listener: same INSERTs as plain Odoo, 1,000 events."""
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        vals_list = [
            {"name": f"Batch {index}", "ref": str(index)} for index in range(BATCH)
        ]
        partners, inserts = self._count_partner_inserts(
            self.env["res.partner"], vals_list
        )
        self.assertEqual(inserts, math.ceil(BATCH / INSERT_BATCH_SIZE))

        # plain Odoo: the same create with events switched off
        plain_vals = [
            {"name": f"Plain {index}", "ref": str(index)} for index in range(BATCH)
        ]
        plain_model = self.env["res.partner"].with_context(component_event_disable=True)
        _plain, plain_inserts = self._count_partner_inserts(plain_model, plain_vals)
        self.assertEqual(inserts, plain_inserts)

        creates = [call for call in self.calls if call[1] == "on_record_create"]
        self.assertEqual(len(creates), BATCH)
        self.assertEqual([call[2][0] for call in creates], list(partners))
        self.assertTrue(
            all({"name", "ref"} <= set(call[3]["fields"]) for call in creates)
        )
        self.assertEqual(
            [call[2][0].ref for call in creates], [str(index) for index in range(BATCH)]
        )
