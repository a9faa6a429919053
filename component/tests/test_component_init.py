# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo.tests import common

from odoo.addons.component.core import Component, ComponentRegistry


class Greeter:
    """A plain mixin with a cooperative __init__."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.greeting = "hello"


class OwnInit(Component):
    """A component with an __init__ of its own (as synchronizers have)."""

    _name = "own.init"

    def __init__(self, work_context):
        super().__init__(work_context)
        self.mapper = "set by __init__"


class TestComponentInit(common.BaseCase):
    """Instantiating a component stores the work context and still chains
    to the __init__ of plain mixins."""

    def setUp(self):
        super().setUp()
        self.registry = ComponentRegistry()
        self.registry.load_components("component")

    def test_work_stored(self):
        """A component instance holds its work context."""

        class Thing(Component):
            _name = "thing"

        work = mock.Mock()
        self.assertIs(work, Thing._build_component(self.registry)(work).work)
        self.assertFalse(self.registry["thing"]._chain_init)

    def test_mixin_after_component(self):
        """A mixin listed after Component gets its __init__ called."""

        class Thing(Component, Greeter):
            _name = "thing"

        built = Thing._build_component(self.registry)
        self.assertTrue(built._chain_init)
        instance = built(mock.Mock())
        self.assertEqual("hello", instance.greeting)

    def test_mixin_in_extension(self):
        """A mixin brought by an extension applies to the component and its children."""

        class Thing(Component):
            _name = "thing"

        class ThingChild(Component):
            _name = "thing.child"
            _inherit = "thing"

        class ThingExtension(Component, Greeter):
            _inherit = "thing"

        for cls in (Thing, ThingChild, ThingExtension):
            cls._build_component(self.registry)
        self.assertEqual("hello", self.registry["thing"](mock.Mock()).greeting)
        self.assertEqual("hello", self.registry["thing.child"](mock.Mock()).greeting)

    def test_own_init(self):
        """A component with its own __init__ runs it."""
        built = OwnInit._build_component(self.registry)
        instance = built(mock.Mock())
        self.assertEqual("set by __init__", instance.mapper)
        self.assertIsNotNone(instance.work)
