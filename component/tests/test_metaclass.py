# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import operator

from odoo.tests import common

from odoo.addons.component.core import (
    AbstractComponent,
    Component,
    MetaComponent,
    _get_addon_name,
)


class TestMetaclass(common.BaseCase):
    """What MetaComponent collects, and apply_on_models (no database needed)."""

    def setUp(self):
        super().setUp()
        original = MetaComponent._modules_components
        saved = {addon: list(classes) for addon, classes in original.items()}

        def restore():
            original.clear()
            original.update(saved)

        self.addCleanup(restore)

    def _declare(self, module, name="x.comp", **attrs):
        attrs.update({"__module__": module, "_name": name})
        return MetaComponent("Declared", (Component,), attrs)

    def test_addon_name(self):
        """_get_addon_name: the addon of odoo.addons paths, else the first segment."""
        self.assertEqual("component", _get_addon_name("odoo.addons.component.core"))
        self.assertEqual("connector", _get_addon_name("odoo.addons.connector"))
        self.assertEqual("package", _get_addon_name("package.module.sub"))

    def test_collects_by_addon(self):
        """Component classes of an addon are collected in declaration order."""
        first = self._declare("odoo.addons.fake_addon.components.core", "a")
        second = self._declare("odoo.addons.fake_addon.components.more", "b")
        self.assertEqual(
            [first, second], MetaComponent._modules_components["fake_addon"]
        )
        self.assertEqual("fake_addon", first._module)

    def test_tests_not_collected(self):
        """Classes declared in a tests module are never collected."""
        self._declare("odoo.addons.fake_addon.tests.test_thing")
        self._declare("odoo.addons.fake_addon.tests")
        self.assertNotIn("fake_addon", dict(MetaComponent._modules_components))

    def test_base_classes_not_collected(self):
        """Classes with _register = False are not collected, their subclasses are."""
        abstract = MetaComponent(
            "Root",
            (AbstractComponent,),
            {"__module__": "odoo.addons.fake_addon.core", "_register": False},
        )
        self.assertNotIn("fake_addon", dict(MetaComponent._modules_components))
        self.assertTrue(abstract._register)
        child = MetaComponent(
            "Child",
            (abstract,),
            {"__module__": "odoo.addons.fake_addon.x", "_name": "c"},
        )
        self.assertEqual([child], MetaComponent._modules_components["fake_addon"])

    def test_subclass_keeps_module(self):
        """A Python subclass of a collected class goes with the parent's addon."""
        parent = self._declare("odoo.addons.fake_addon.components", "p")
        child = MetaComponent(
            "Sub", (parent,), {"__module__": "odoo.addons.other_addon.components"}
        )
        self.assertEqual("fake_addon", child._module)
        self.assertEqual(
            [parent, child], MetaComponent._modules_components["fake_addon"]
        )
        self.assertNotIn("other_addon", dict(MetaComponent._modules_components))

    def test_apply_on_models(self):
        """apply_on_models: None, a string as a list, a list as is; classes only."""

        class NoModel(Component):
            _name = "no.model"

        class OneModel(Component):
            _name = "one.model"
            _apply_on = "res.partner"

        class Models(Component):
            _name = "models"
            _apply_on = ["res.partner", "res.users"]

        self.assertIsNone(NoModel.apply_on_models)
        self.assertEqual(["res.partner"], OneModel.apply_on_models)
        self.assertEqual(["res.partner", "res.users"], Models.apply_on_models)
        get_apply_on_models = operator.attrgetter("apply_on_models")
        self.assertRaises(AttributeError, get_apply_on_models, Models(None))
