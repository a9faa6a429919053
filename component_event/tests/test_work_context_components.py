# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.component.core import Component, WorkContext

from ..core import EventWorkContext
from .common import EventRegistryCase


class TestWorkContextComponents(EventRegistryCase):
    """An EventWorkContext with a collection looks components up in it."""

    def setUp(self):
        super().setUp()

        class First(Component):
            _name = "test.first"
            _collection = "collection.base"
            _usage = "test.usage"

        class Second(Component):
            _name = "test.second"
            _collection = "collection.base"
            _usage = "test.usage"
            _apply_on = "res.partner"

        self._build_components(First, Second)
        self.collection = self.env["collection.base"].new()
        self.work = EventWorkContext(
            model_name="res.partner",
            collection=self.collection,
            components_registry=self.comp_registry,
        )

    def test_many_components_returns_list(self):
        """many_components returns every match as a list (upstream returned one)."""
        components = self.work.many_components(usage="test.usage")
        self.assertIsInstance(components, list)
        self.assertEqual([c._name for c in components], ["test.first", "test.second"])
        self.assertIs(type(components[0].work), WorkContext)
        self.assertEqual(self.work.many_components(usage="unknown"), [])

    def test_many_components_other_model(self):
        """many_components(model_name=...) switches model, recordsets accepted."""
        users = self.env["res.users"]
        components = self.work.many_components(usage="test.usage", model_name=users)
        self.assertEqual([c._name for c in components], ["test.first"])
        self.assertEqual(components[0].work.model_name, "res.users")

    def test_component(self):
        """component() applies the usual precedence through the collection."""
        component = self.work.component(usage="test.usage")
        self.assertEqual(component._name, "test.second")
        self.assertEqual(component.collection, self.collection)

    def test_component_by_name(self):
        """component_by_name() finds a component of the collection by name."""
        component = self.work.component_by_name("test.first", model_name="res.users")
        self.assertEqual(component._name, "test.first")
        self.assertEqual(component.work.model_name, "res.users")

    def test_listener_switches_to_collection(self):
        """An env-only listener reaches components with work_on(collection=...)."""
        found = []
        collection = self.collection

        class Listener(Component):
            _name = "test.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_custom_event(self, record):
                work = self.work.work_on(collection=collection)
                found.append(work.component(usage="test.usage")._name)

        self._build_listeners(Listener)
        partner = self.env["res.partner"].create({"name": "P"})
        partner._event("on_custom_event").notify(partner)
        self.assertEqual(found, ["test.second"])
