# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import common

from odoo.addons.component.core import AbstractComponent, Component, ComponentRegistry


class TestBuildErrors(common.BaseCase):
    """Each TypeError of the build names what is wrong and hints at the fix
    (no database needed)."""

    def setUp(self):
        super().setUp()
        self.registry = ComponentRegistry()
        self.registry.load_components("component")

    def test_missing_name(self):
        """Missing _name: the message names the class and the way out."""

        class Nameless(Component):
            _inherit = ["base", "other"]

        with self.assertRaises(TypeError) as raised:
            Nameless._build_component(self.registry)
        message = str(raised.exception)
        self.assertIn("Nameless", message)
        self.assertIn("must have a _name", message)
        self.assertIn("_inherit=['base', 'other']", message)

    def test_unknown_parent(self):
        """Unknown parent: the message names the component, the parent, a hint."""

        class Child(Component):
            _name = "child"
            _inherit = "does.not.exist"

        with self.assertRaises(TypeError) as raised:
            Child._build_component(self.registry)
        message = str(raised.exception)
        self.assertIn(
            "Component child inherits from non-existing component does.not.exist.",
            message,
        )
        self.assertIn("installed", message)
        self.assertNotIn("child", self.registry)

    def test_extend_missing(self):
        """Extending a missing component: the message names it and the extension."""

        class Extension(Component):
            _inherit = "missing.component"

        with self.assertRaises(TypeError) as raised:
            Extension._build_component(self.registry)
        message = str(raised.exception)
        self.assertIn(
            "Component missing.component does not exist in registry.", message
        )
        self.assertIn("Extension", message)

    def test_duplicate_name(self):
        """Duplicate _name: the message names the component, the class and the fix."""

        class First(Component):
            _name = "twice"

        class Second(Component):
            _name = "twice"

        First._build_component(self.registry)
        with self.assertRaises(TypeError) as raised:
            Second._build_component(self.registry)
        message = str(raised.exception)
        self.assertIn("Component twice (in class", message)
        self.assertIn("Second", message)
        self.assertIn("Consider using _inherit instead of _name", message)
        self.assertIs(First, self.registry["twice"].__bases__[0])

    def test_abstract_over_concrete(self):
        """Abstract inheriting concrete: both names and the fix are in the message."""

        class Concrete(Component):
            _name = "concrete"

        class Abstract(AbstractComponent):
            _name = "abstract"
            _inherit = "concrete"

        Concrete._build_component(self.registry)
        with self.assertRaises(TypeError) as raised:
            Abstract._build_component(self.registry)
        message = str(raised.exception)
        self.assertIn(
            "the abstract Component 'abstract' cannot inherit from the non-abstract "
            "Component 'concrete'.",
            message,
        )
        self.assertIn("Hint", message)

    def test_concrete_extending_abstract(self):
        """A concrete extension of an abstract component names both and the fix."""

        class Abstract(AbstractComponent):
            _name = "abstract"

        class Extension(Component):
            _inherit = "abstract"

        Abstract._build_component(self.registry)
        with self.assertRaises(TypeError) as raised:
            Extension._build_component(self.registry)
        message = str(raised.exception)
        self.assertIn("Extension", message)
        self.assertIn(
            "transforms the abstract component 'abstract' into a non-abstract "
            "component.",
            message,
        )
        self.assertIn("set a different '_name'", message)
        self.assertTrue(self.registry["abstract"]._abstract)
