# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo.tests import common, tagged

from odoo.addons.component.core import (
    Component,
    ComponentRegistry,
    MetaComponent,
    _component_databases,
)


@tagged("post_install", "-at_install")
class TestBuilder(common.TransactionCase):
    """component.builder builds a registry per database from the installed
    addons, and _register_hook (run on each Odoo registry load) replaces it."""

    def setUp(self):
        super().setUp()
        self.builder = self.env["component.builder"]
        self.dbname = self.env.cr.dbname
        # whatever the tests do to the registry of the database is undone
        patcher = mock.patch.dict(_component_databases)
        patcher.start()
        self.addCleanup(patcher.stop)
        saved = {
            addon: list(classes)
            for addon, classes in MetaComponent._modules_components.items()
        }
        modules_components = MetaComponent._modules_components

        def restore():
            modules_components.clear()
            modules_components.update(saved)

        self.addCleanup(restore)

    def _set_state(self, module, state):
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = %s WHERE name = %s", (state, module)
        )

    def _build(self, **kwargs):
        registry = ComponentRegistry()
        self.builder.build_registry(registry, **kwargs)
        return registry

    def test_register_hook_replaces_registry(self):
        """Each _register_hook call puts a new, ready, filled registry in place."""
        self.builder._register_hook()
        first = _component_databases[self.dbname]
        self.assertTrue(first.ready)
        self.assertIn("base", first)
        self.assertEqual(
            self.builder._components_registry_cache_size, first._cache.maxsize
        )
        self.builder._register_hook()
        second = _component_databases[self.dbname]
        self.assertIsNot(first, second)
        self.assertTrue(second.ready)
        self.assertIsNot(first["base"], second["base"])

    def test_states(self):
        """Installed and to-upgrade addons are loaded, an uninstalled one is not."""
        self.assertIn("base", self._build())
        self._set_state("component", "to upgrade")
        self.assertIn("base", self._build())
        self._set_state("component", "uninstalled")
        self.assertNotIn("base", self._build())
        self.builder._register_hook()
        self.assertEqual([], list(_component_databases[self.dbname]))

    def test_exclude_addons(self):
        """exclude_addons leaves an addon, and the addons depending on it, out."""
        registry = self._build(exclude_addons=["component"])
        self.assertEqual([], list(registry))

    def test_uninstalled_addon_components_never_returned(self):
        """Components collected for an uninstalled addon never reach the registry."""
        self.env.cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'uninstalled' "
            "ORDER BY name LIMIT 1"
        )
        (uninstalled,) = self.env.cr.fetchone()
        declared = MetaComponent(
            "Ghost",
            (Component,),
            {
                "__module__": f"odoo.addons.{uninstalled}.components.ghost",
                "_name": "ghost",
                "_usage": "ghost.usage",
            },
        )
        self.assertIn(declared, MetaComponent._modules_components[uninstalled])
        self.builder._register_hook()
        registry = _component_databases[self.dbname]
        self.assertNotIn(uninstalled, registry._loaded_modules)
        self.assertNotIn("ghost", registry)
        self.assertEqual([], registry.lookup(usage="ghost.usage"))
        collection = self.env["collection.base"].new()
        with collection.work_on("res.partner") as work:
            self.assertIs(registry, work.components_registry)
            self.assertEqual([], work.many_components(usage="ghost.usage"))

    def test_load_components_default_registry(self):
        """load_components without registry fills the registry of the database."""
        registry = self.builder._init_global_registry()
        self.assertIs(registry, _component_databases[self.dbname])
        self.assertFalse(registry.ready)
        self.builder.load_components("component")
        self.assertEqual(["base"], list(registry))
