# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""record.locker: row locks that turn contention into job retries."""

from unittest import mock

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import common

from odoo.addons.component.core import WorkContext
from odoo.addons.component.tests.common import TransactionComponentRegistryCase

from ..exception import RetryableJobError


class TestLocker(TransactionComponentRegistryCase):
    def setUp(self):
        super().setUp()
        self._setup_registry(self)
        self.comp_registry.load_components("component_event")
        self.comp_registry.load_components("connector")
        self.registry2 = Registry(common.get_db_name())
        self.cr2 = self.registry2.cursor()
        self.env2 = api.Environment(self.cr2, api.SUPERUSER_ID, {})

        def close():
            self.env2.transaction.reset()
            self.cr2.rollback()
            self.cr2.close()

        self.addCleanup(close)
        # a committed row: the second transaction must see it
        self.partner = self.env.ref("base.main_partner")

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def _locker(self, env):
        backend = mock.MagicMock(name="backend")
        backend.env = env
        work = WorkContext(
            model_name="res.partner",
            collection=backend,
            components_registry=self.comp_registry,
        )
        return work.component(usage="record.locker")

    def test_lock(self):
        """A record locked by one transaction cannot be locked by another one."""
        self._locker(self.env).lock(self.partner)
        locker2 = self._locker(self.env2)
        with self.assertRaises(RetryableJobError) as raised:
            locker2.lock(self.env2["res.partner"].browse(self.partner.id), seconds=5)
        self.assertEqual(raised.exception.seconds, 5)
        self.assertTrue(raised.exception.ignore_retry)
        self.assertIn("res.partner", str(raised.exception))
        # the failed lock left the second transaction usable
        self.env2.cr.execute("SELECT 1")
        self.assertEqual(self.env2.cr.fetchone(), (1,))

    def test_lock_empty_recordset(self):
        """Locking an empty recordset is a no-op (no invalid SQL)."""
        self._locker(self.env).lock(self.env["res.partner"])
        self.env.cr.execute("SELECT 1")
        self.assertEqual(self.env.cr.fetchone(), (1,))
        # nothing was locked: another transaction can lock the partner
        self._locker(self.env2).lock(self.env2["res.partner"].browse(self.partner.id))

    def test_lock_is_concrete_component(self):
        """The locker is found by usage for any collection and model."""
        locker = self._locker(self.env)
        self.assertEqual(locker._name, "base.record.locker")
