# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.component.core import ComponentRegistry

from .common import EventRegistryCase


class TestRegistryChoice(EventRegistryCase):
    """Which component registry an event uses (context first, as upstream)."""

    def setUp(self):
        super().setUp()
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        # a second, ready registry with component_event but no listener
        self.other_registry = ComponentRegistry()
        self.other_registry.load_components("component")
        self.other_registry.load_components("component_event")
        self.other_registry.ready = True
        self.partner = self.env["res.partner"].create({"name": "P"})
        self.calls.clear()

    def test_context_wins_over_argument(self):
        """The components_registry context key wins over the argument."""
        events = self.partner._event(
            "on_custom_event", components_registry=self.other_registry
        )
        self.assertTrue(events.has_listeners)
        events.notify(self.partner)
        self.assertEqual(self._called(), ["partner.listener"])

    def test_argument_without_context(self):
        """Without the context key, the argument is used."""
        context = dict(self.env.context)
        context.pop("components_registry")
        partner = self.partner.with_env(self.env(context=context))
        self.assertIsNone(partner.env.context.get("components_registry"))
        events = partner._event(
            "on_custom_event", components_registry=self.comp_registry
        )
        self.assertTrue(events.has_listeners)
        events = partner._event(
            "on_custom_event", components_registry=self.other_registry
        )
        self.assertFalse(events.has_listeners)

    def test_collection_context_wins(self):
        """The registry in the collection's context wins, as in WorkContext."""
        collection = (
            self.env["collection.base"]
            .with_context(components_registry=self.other_registry)
            .new()
        )
        partner = self.partner
        self.assertFalse(
            partner._event("on_custom_event", collection=collection).has_listeners
        )
