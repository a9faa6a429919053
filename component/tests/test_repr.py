# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo.tests import common

from odoo.addons.component.core import Component, ComponentRegistry, WorkContext


class BrokenRepr:
    _name = "broken.collection"

    def __init__(self):
        self.env = mock.MagicMock()
        self.env.context = {}

    def __repr__(self):
        raise ValueError("no repr for me")


class NoCollectionWorkContext(WorkContext):
    """Like component_event's env-only context: asking for the collection fails."""

    def __init__(self, model_name, env, components_registry):
        self._env = env
        super().__init__(
            model_name=model_name,
            collection=None,
            components_registry=components_registry,
        )

    @property
    def env(self):
        return self._env

    @property
    def collection(self):
        raise ValueError("No collection")

    @collection.setter
    def collection(self, value):
        self._collection = value

    def __str__(self):
        return f"NoCollectionWorkContext({self._env!r}, {self.model_name})"


class TestRepr(common.BaseCase):
    """str() and repr() of work contexts and components (repr never raises)."""

    def setUp(self):
        super().setUp()
        self.registry = ComponentRegistry()
        self.registry.load_components("component")

    def test_work_context_str(self):
        """str/repr of a work context show the model and the collection."""
        collection = mock.MagicMock(name="coll")
        collection.env.context = {}
        work = WorkContext(
            "res.partner", collection=collection, components_registry=self.registry
        )
        expected = f"WorkContext(res.partner, {collection!r})"
        self.assertEqual(expected, str(work))
        self.assertEqual(expected, repr(work))

    def test_repr_follows_subclass_str(self):
        """repr() of a subclass uses the subclass's __str__, which knows its state."""
        work = NoCollectionWorkContext("res.users", mock.MagicMock(), self.registry)
        self.assertTrue(repr(work).startswith("NoCollectionWorkContext("))
        self.assertEqual(str(work), repr(work))

    def test_repr_never_raises(self):
        """repr() of a work context whose description fails still returns a string."""
        work = WorkContext(
            "res.partner", collection=BrokenRepr(), components_registry=self.registry
        )
        with self.assertRaises(ValueError):
            str(work)
        self.assertEqual("<WorkContext model='res.partner'>", repr(work))

    def test_component_str(self):
        """str/repr of a component show its name."""

        class Thing(Component):
            _name = "thing"

        built = Thing._build_component(self.registry)
        self.assertEqual("Component(thing)", str(built(None)))
        self.assertEqual("Component(thing)", repr(built(None)))
