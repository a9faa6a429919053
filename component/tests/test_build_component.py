# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Several test components extend the same name on purpose (each test builds
# its own registry): nothing to merge.
# pylint: disable=consider-merging-classes-inherited
from unittest import mock

from odoo.addons.component.core import AbstractComponent, Component

from .common import TransactionComponentRegistryCase


class Speaker(Component):
    _name = "component1"
    msg = "ping"

    def say(self):
        return "foo"


class LoudSpeaker(Component):
    _name = "component2"
    _inherit = "component1"
    msg = "pong"

    def say(self):
        return super().say() + " bar"


class TestBuildComponent(TransactionComponentRegistryCase):
    """Building component classes into a registry, as Odoo builds models."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def test_no_name(self):
        """A component with neither _name nor a single _inherit is refused."""

        class Component1(Component):
            pass

        msg = ".*must have a _name.*"
        with self.assertRaisesRegex(TypeError, msg):
            Component1._build_component(self.comp_registry)

    def test_register(self):
        """Built components are registered under their name, in build order."""

        class Component1(Component):
            _name = "component1"

        class Component2(Component):
            _name = "component2"

        Component1._build_component(self.comp_registry)
        Component2._build_component(self.comp_registry)
        self.assertEqual(["base", "component1", "component2"], list(self.comp_registry))

    def test_inherit_bases(self):
        """Extensions stack their classes first, then the original, then base."""

        class Component1(Component):
            _name = "component1"

        class Component2(Component):
            _inherit = "component1"

        class Component3(Component):
            _inherit = "component1"

        Component1._build_component(self.comp_registry)
        Component2._build_component(self.comp_registry)
        Component3._build_component(self.comp_registry)
        self.assertEqual(
            (Component3, Component2, Component1, self.comp_registry["base"]),
            self.comp_registry["component1"].__bases__,
        )

    def test_prototype_inherit_bases(self):
        """A new name inheriting parents gets the parents' built classes as bases."""

        class Component1(Component):
            _name = "component1"

        class Component2(Component):
            _name = "component2"
            _inherit = "component1"

        class Component3(Component):
            _name = "component3"
            _inherit = "component1"

        class Component4(Component):
            _name = "component4"
            _inherit = ["component2", "component3"]

        for cls in (Component1, Component2, Component3, Component4):
            cls._build_component(self.comp_registry)
        registry = self.comp_registry
        self.assertEqual(
            (Component1, registry["base"]), registry["component1"].__bases__
        )
        self.assertEqual(
            (Component2, registry["component1"], registry["base"]),
            registry["component2"].__bases__,
        )
        self.assertEqual(
            (Component3, registry["component1"], registry["base"]),
            registry["component3"].__bases__,
        )
        self.assertEqual(
            (
                Component4,
                registry["component2"],
                registry["component3"],
                registry["base"],
            ),
            registry["component4"].__bases__,
        )

    def test_custom_build(self):
        """_complete_component_build runs on the built class."""

        class Component1(Component):
            _name = "component1"

            @classmethod
            def _complete_component_build(cls):
                cls._build_done = True

        Component1._build_component(self.comp_registry)
        self.assertTrue(self.comp_registry["component1"]._build_done)

    def test_inherit_attrs(self):
        """Attributes are overridden and super() chains through inheritance."""
        Speaker._build_component(self.comp_registry)
        LoudSpeaker._build_component(self.comp_registry)
        component1 = self.comp_registry["component1"](mock.Mock())
        component2 = self.comp_registry["component2"](mock.Mock())
        self.assertEqual("ping", component1.msg)
        self.assertEqual("pong", component2.msg)
        self.assertEqual("foo", component1.say())
        self.assertEqual("foo bar", component2.say())

    def test_duplicate_component(self):
        """Two components with the same _name and no _inherit are refused."""

        class Component1(Component):
            _name = "component1"

        class Component2(Component):
            _name = "component1"

        Component1._build_component(self.comp_registry)
        with self.assertRaisesRegex(TypeError, "Component.*already exists.*"):
            Component2._build_component(self.comp_registry)

    def test_no_parent(self):
        """Extending a component that is not registered is refused."""

        class Component1(Component):
            _name = "component1"
            _inherit = "component1"

        with self.assertRaisesRegex(TypeError, "does not exist in registry"):
            Component1._build_component(self.comp_registry)

    def test_no_parent2(self):
        """Inheriting from an unknown component is refused."""

        class Component1(Component):
            _name = "component1"
            _inherit = ["component2"]

        with self.assertRaisesRegex(TypeError, "inherits from non-existing component"):
            Component1._build_component(self.comp_registry)

    def test_add_inheritance(self):
        """An extension may add a parent to an existing component."""

        class Component1(Component):
            _name = "component1"

        class Component2(Component):
            _name = "component2"

        class Component2bis(Component):
            _name = "component2"
            _inherit = ["component2", "component1"]

        for cls in (Component1, Component2, Component2bis):
            cls._build_component(self.comp_registry)
        registry = self.comp_registry
        self.assertEqual(
            (Component2bis, Component2, registry["component1"], registry["base"]),
            registry["component2"].__bases__,
        )

    def test_check_parent_component_over_abstract(self):
        """A concrete component may inherit an abstract one."""

        class Component1(AbstractComponent):
            _name = "component1"

        class Component2(Component):
            _name = "component2"
            _inherit = "component1"

        Component1._build_component(self.comp_registry)
        Component2._build_component(self.comp_registry)
        self.assertTrue(self.comp_registry["component1"]._abstract)
        self.assertFalse(self.comp_registry["component2"]._abstract)

    def test_check_parent_abstract_over_component(self):
        """An abstract component may not inherit a concrete one."""

        class Component1(Component):
            _name = "component1"

        class Component2(AbstractComponent):
            _name = "component2"
            _inherit = "component1"

        Component1._build_component(self.comp_registry)
        with self.assertRaisesRegex(TypeError, "cannot inherit from the non-abstract"):
            Component2._build_component(self.comp_registry)

    def test_check_transform_abstract_to_component(self):
        """Extending an abstract component with a concrete class is refused."""

        class Component1(AbstractComponent):
            _name = "component1"

        class Component1bis(Component):
            _inherit = "component1"

        Component1._build_component(self.comp_registry)
        msg = ".*transforms the abstract component.*into a non-abstract.*"
        with self.assertRaisesRegex(TypeError, msg):
            Component1bis._build_component(self.comp_registry)
