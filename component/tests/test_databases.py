# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo.tests import common

from odoo.addons.component.core import (
    Component,
    ComponentRegistry,
    WorkContext,
    _component_databases,
)
from odoo.addons.component.exception import NoComponentError
from odoo.addons.component.utils import (
    get_component_registry,
    is_component_registry_ready,
)


class TestTwoDatabases(common.TransactionCase):
    """Registries of two databases live side by side in _component_databases
    and never see each other's components."""

    def _registry_with(self, name, usage):
        registry = ComponentRegistry()
        registry.load_components("component")
        component = type(name, (Component,), {"_name": name, "_usage": usage})
        component._build_component(registry)
        registry.ready = True
        return registry

    def _work(self, dbname):
        collection = mock.MagicMock(name=f"collection of {dbname}")
        collection._name = "collection.base"
        collection.env.context = {}
        collection.env.cr.dbname = dbname
        return WorkContext(model_name="res.partner", collection=collection)

    def test_side_by_side(self):
        """Each work context uses the registry of its own database only."""
        registry_a = self._registry_with("only.in.a", "sync")
        registry_b = self._registry_with("only.in.b", "sync")
        patched = {"bench_db_a": registry_a, "bench_db_b": registry_b}
        with mock.patch.dict(_component_databases, patched):
            work_a, work_b = self._work("bench_db_a"), self._work("bench_db_b")
            self.assertIs(registry_a, work_a.components_registry)
            self.assertIs(registry_b, work_b.components_registry)
            self.assertEqual("only.in.a", work_a.component(usage="sync")._name)
            self.assertEqual("only.in.b", work_b.component(usage="sync")._name)
            with self.assertRaises(NoComponentError):
                work_a.component_by_name("only.in.b")
            with self.assertRaises(NoComponentError):
                work_b.component_by_name("only.in.a")
            self.assertIs(registry_a, get_component_registry("bench_db_a"))
            self.assertTrue(is_component_registry_ready("bench_db_b"))
            self.assertFalse(is_component_registry_ready("bench_db_c"))

    def test_rebuild_keeps_other_database(self):
        """Rebuilding the registry of this database leaves the other one alone."""
        other = self._registry_with("only.elsewhere", "sync")
        dbname = self.env.cr.dbname
        with mock.patch.dict(_component_databases, {"bench_db_other": other}):
            self.env["component.builder"]._register_hook()
            self.assertIs(other, _component_databases["bench_db_other"])
            own = _component_databases[dbname]
            self.assertIsNot(other, own)
            self.assertNotIn("only.elsewhere", own)
            self.assertIn("only.elsewhere", other)
