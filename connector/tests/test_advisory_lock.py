# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Transaction advisory locks: pg_try_advisory_lock and advisory_lock_or_retry."""

from unittest import mock

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import common

from odoo.addons.component.core import WorkContext
from odoo.addons.component.tests.common import TransactionComponentCase

from ..database import pg_try_advisory_lock
from ..exception import RetryableJobError


class TestAdvisoryLock(TransactionComponentCase):
    def setUp(self):
        super().setUp()
        self.registry2 = Registry(common.get_db_name())
        self.env2 = self._new_env()

    def _new_env(self):
        cr = self.registry2.cursor()
        env = api.Environment(cr, api.SUPERUSER_ID, {})

        def close():
            env.transaction.reset()
            cr.rollback()
            cr.close()

        self.addCleanup(close)
        return env

    def _work(self, env):
        backend = mock.MagicMock(name="backend")
        backend.env = env
        return WorkContext(
            model_name="res.partner",
            collection=backend,
            components_registry=self._components_registry,
        )

    def test_concurrent_lock(self):
        """A lock held by one transaction cannot be taken by another one."""
        lock = "import_record(test.backend, 1, res.partner, 999999)"
        self.assertTrue(pg_try_advisory_lock(self.env, lock))
        self.assertFalse(pg_try_advisory_lock(self.env2, lock))

    def test_concurrent_import_lock(self):
        """advisory_lock_or_retry raises RetryableJobError with the given delay."""
        lock = "import_record(test.backend, 1, res.partner, 999999)"
        self._work(self.env).component_by_name("base.connector").advisory_lock_or_retry(
            lock
        )
        connector2 = self._work(self.env2).component_by_name("base.connector")
        with self.assertRaises(RetryableJobError) as raised:
            connector2.advisory_lock_or_retry(lock, retry_seconds=3)
        self.assertEqual(raised.exception.seconds, 3)
        # waiting for a lock is not a failure: the retry counter is untouched
        self.assertTrue(raised.exception.ignore_retry)

    def test_lock_released_at_transaction_end(self):
        """The lock is transaction-scoped: a rollback releases it."""
        lock = "export_record(test.backend, 1, res.partner, 42)"
        env3 = self._new_env()
        self.assertTrue(pg_try_advisory_lock(self.env2, lock))
        self.assertFalse(pg_try_advisory_lock(env3, lock))
        self.env2.cr.rollback()
        self.assertTrue(pg_try_advisory_lock(env3, lock))

    def test_same_transaction_relock(self):
        """The transaction holding a lock can take it again; other keys stay free."""
        self.assertTrue(pg_try_advisory_lock(self.env, "lock-a"))
        self.assertTrue(pg_try_advisory_lock(self.env, "lock-a"))
        self.assertTrue(pg_try_advisory_lock(self.env2, "lock-b"))
