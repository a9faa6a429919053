# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import _component_databases

from .common import TransactionComponentCase, new_rollbacked_env


class TestTransactionComponentCase(TransactionComponentCase):
    """The helpers of tests/common.py set up what they promise."""

    def test_registry_in_context_and_database(self):
        """The class registry is in the env context and is the database's one."""
        registry = self._components_registry
        self.assertIs(registry, self.env.context["components_registry"])
        self.assertIs(registry, _component_databases[self.env.cr.dbname])
        self.assertIn("base", registry)
        with self.env["collection.base"].new().work_on("res.partner") as work:
            self.assertIs(registry, work.components_registry)

    def test_ready_during_test_only(self):
        """The registry is ready during a test and not ready after its cleanups."""
        registry = self._components_registry
        self.assertTrue(registry.ready)
        cleanups = [entry[0] for entry in self._cleanups]
        self.assertIn(self._set_components_registry_not_ready, cleanups)
        self._set_components_registry_not_ready()
        self.assertFalse(registry.ready)

    def test_new_rollbacked_env(self):
        """new_rollbacked_env yields a superuser env on another cursor, rolled back."""
        with new_rollbacked_env() as env:
            self.assertIsNot(self.env.cr, env.cr)
            self.assertTrue(env.su)
            self.assertEqual({}, dict(env.context))
            env["res.partner"].create({"name": "rolled back"})
            cr = env.cr
        self.assertTrue(cr.closed)
        with new_rollbacked_env() as env:
            self.assertFalse(env["res.partner"].search([("name", "=", "rolled back")]))
