# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo.tests import common, tagged

from odoo.addons.component.core import _component_databases
from odoo.addons.component.exception import NoComponentError


@tagged("post_install", "-at_install")
class TestRegistryRebuild(common.TransactionCase):
    """The registry follows the installed addons each time the Odoo registry
    loads: components of an addon that is no longer installed are gone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls.env["test.component.collection"].create(
            {"name": "Rebuild"}
        )

    def setUp(self):
        super().setUp()
        patcher = mock.patch.dict(_component_databases)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _rebuild(self):
        # what the end of an Odoo registry load does (loading.py, _register_hook)
        self.env["component.builder"]._register_hook()
        return _component_databases[self.env.cr.dbname]

    def _set_state(self, state):
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = %s WHERE name = 'test_component'",
            (state,),
        )

    def test_installed_in_dependency_order(self):
        """Dependencies load first: 'base' of component, then test_component's."""
        registry = self._rebuild()
        names = list(registry)
        self.assertEqual("base", names[0])
        self.assertLess(names.index("mapper"), names.index("test.mapper"))
        self.assertLess(names.index("test.mapper"), names.index("test.user.component"))
        self.assertIn("test_component", registry._loaded_modules)
        self.assertTrue(hasattr(registry["base"], "test_inherit_base"))
        with self.collection.work_on("res.partner") as work:
            self.assertIs(registry, work.components_registry)
            self.assertEqual("test.mapper", work.component(usage="import.mapper")._name)

    def test_uninstalled_addon(self):
        """Once the addon is uninstalled, the new registry never has its components."""
        before = self._rebuild()
        self._set_state("uninstalled")
        after = self._rebuild()
        self.assertIsNot(before, after)
        self.assertIn("test.mapper", before)
        for name in ("mapper", "test.mapper", "test.user.component"):
            self.assertNotIn(name, after)
        self.assertFalse(hasattr(after["base"], "test_inherit_base"))
        with self.collection.work_on("res.partner") as work:
            self.assertIs(after, work.components_registry)
            self.assertEqual([], work.many_components(usage="import.mapper"))
            with self.assertRaises(NoComponentError):
                work.component(usage="import.mapper")
            with self.assertRaises(NoComponentError):
                work.component_by_name("test.mapper")

    def test_to_upgrade_addon(self):
        """An addon being upgraded keeps its components."""
        self._set_state("to upgrade")
        registry = self._rebuild()
        self.assertIn("test.mapper", registry)
        self.assertTrue(registry.ready)
