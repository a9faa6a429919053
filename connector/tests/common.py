# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from contextlib import contextmanager
from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import TransactionCase, new_test_user


@contextmanager
def recorded_queries():
    """Record the text of every query run inside the block, on any cursor
    (a side cursor's too), for tests that count the queries of a kind::

        with recorded_queries() as queries:
            importer.run(external_id)
        self.assertFalse([q for q in queries if q.startswith('UPDATE "my_table"')])
    """
    execute = Cursor.execute
    queries = []

    def record(cr, query, params=None, log_exceptions=True):
        queries.append(str(getattr(query, "code", query)))
        return execute(cr, query, params, log_exceptions)

    with patch.object(Cursor, "execute", record):
        yield queries


class CheckpointCase(TransactionCase):
    """Users and a record to review, shared by the checkpoint tests.

    The checkpoints point to core models only (a partner to review, the
    company as backend) so the connector tests need no other addon.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="connector_manager",
            groups="base.group_user,connector.group_connector_manager",
            name="Connector Manager User",
        )
        cls.user = new_test_user(
            cls.env, login="plain_user", groups="base.group_user", name="Plain User"
        )
        cls.partner = cls.env["res.partner"].create({"name": "Partner To Review"})
        cls.backend = cls.env.company

    @classmethod
    def _add(cls, record, backend=None):
        backend = backend or cls.backend
        return cls.env["connector.checkpoint"].create_from_name(
            record._name, record.id, backend._name, backend.id
        )
