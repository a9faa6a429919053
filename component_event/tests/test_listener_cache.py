# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from unittest import mock

from odoo.addons.component.core import Component, _component_databases

from ..components import event as event_module
from ..models import base as base_module
from .common import EventRegistryCase


class TestListenerCache(EventRegistryCase):
    """Whether anybody listens is cached per registry and checked first."""

    def setUp(self):
        super().setUp()
        self.collecter_class = self.comp_registry["base.event.collecter"]

    def test_has_listeners(self):
        """has_listeners is True only when a listener handles the event and model."""
        partner_model = self.env["res.partner"]
        self.assertFalse(partner_model._event("on_record_write").has_listeners)
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        self.assertTrue(partner_model._event("on_record_write").has_listeners)
        self.assertFalse(partner_model._event("on_other_event").has_listeners)
        self.assertFalse(self.env["res.users"]._event("on_record_write").has_listeners)

    def test_no_work_context_without_listener(self):
        """Without listener, no EventWorkContext nor collecter is instantiated."""
        with mock.patch.object(
            base_module, "EventWorkContext", wraps=base_module.EventWorkContext
        ) as work_class:
            partners = self.env["res.partner"].create([{"name": "A"}, {"name": "B"}])
            partners.write({"comment": "x"})
            partners.unlink()
            self.assertEqual(work_class.call_count, 0)
            self._build_recording_listener("partner.listener", apply_on="res.partner")
            self.env["res.partner"].create([{"name": "C"}, {"name": "D"}])
            # one work context for the whole batch, not one per record
            self.assertEqual(work_class.call_count, 1)
        self.assertEqual(len(self.calls), 2)

    def test_cache_key(self):
        """The answer is cached per (collection, model, event name)."""
        self.env["res.partner"]._event("on_record_write")
        collection = self.env["collection.base"].new()
        self.env["res.users"]._event("on_foo", collection=collection)
        cache = self.collecter_class._cache
        self.assertIn((None, "res.partner", "on_record_write"), cache)
        self.assertIn(("collection.base", "res.users", "on_foo"), cache)
        self.assertEqual(cache[(None, "res.partner", "on_record_write")], {})

    def test_cache_hides_new_listener_until_cleared(self):
        """A listener built after a cached answer shows once caches are cleared."""
        model = self.env["res.partner"]
        self.assertFalse(model._event("on_custom_event").has_listeners)

        class Listener(Component):
            _name = "partner.listener"
            _inherit = "base.event.listener"

            def on_custom_event(self, record):
                pass

        self._build_components(Listener)
        self.assertFalse(model._event("on_custom_event").has_listeners)
        self.collecter_class._cache.clear()
        self.comp_registry._cache.clear()
        self.assertTrue(model._event("on_custom_event").has_listeners)

    def _rebuild_database_registry(self, builder):
        """Rebuild the database's registry as component.builder does when the
        Odoo registry is loaded (this addon may still be "to install")."""
        registry = builder._init_global_registry()
        builder.build_registry(registry)
        registry.load_components("component_event")
        registry.ready = True
        return registry

    def test_cache_renewed_with_registry(self):
        """A registry rebuild (module install/update) starts with an empty cache."""
        env = self.env(context={})
        builder = env["component.builder"]
        with (
            mock.patch.dict(_component_databases),
            mock.patch.object(env.registry, "ready", True),
        ):
            first = self._rebuild_database_registry(builder)
            self.assertFalse(env["res.partner"]._event("on_custom_event").has_listeners)
            first_collecter = first["base.event.collecter"]
            self.assertIn(
                (None, "res.partner", "on_custom_event"), first_collecter._cache
            )

            second = self._rebuild_database_registry(builder)
            second_collecter = second["base.event.collecter"]
            self.assertIsNot(second_collecter, first_collecter)
            self.assertEqual(len(second_collecter._cache), 0)

    def test_extending_collecter_renews_cache(self):
        """Extending base.event.collecter rebuilds it with an empty cache."""
        self.env["res.partner"]._event("on_record_write")
        self.assertEqual(len(self.collecter_class._cache), 1)

        class CollecterExtension(Component):
            _inherit = "base.event.collecter"

        self._build_components(CollecterExtension)
        self.assertEqual(len(self.comp_registry["base.event.collecter"]._cache), 0)

    def test_record_events_see_listener_once_caches_cleared(self):
        """create/write/unlink read the cached answer without ``_event``:
        clearing the collecter's cache makes a new listener heard by them."""
        partner = self.env["res.partner"].create({"name": "Before"})
        partner.write({"comment": "nobody listens yet"})
        key = (None, "res.partner", "on_record_write")
        self.assertEqual(self.collecter_class._cache.plain[key], {})

        class Listener(Component):
            _name = "partner.write.listener"
            _inherit = "base.event.listener"
            _apply_on = ["res.partner"]
            _calls = self.calls

            def on_record_write(self, record, fields=None):
                self._calls.append((record, fields))

        self._build_components(Listener)
        self.comp_registry._cache.clear()
        partner.write({"comment": "still cached"})
        self.assertEqual(self.calls, [])
        self.collecter_class._cache.clear()
        self.assertNotIn(key, self.collecter_class._cache.plain)
        partner.write({"comment": "heard"})
        self.assertEqual(self.calls, [(partner, ["comment"])])

    def test_plain_copy_follows_evictions(self):
        """The plain copy of the collecter's cache loses what the LRU evicts."""
        cache = event_module._ListenerCache(maxsize=2)
        cache["a"] = {}
        cache["b"] = {}
        self.assertEqual(cache["a"], {})  # "b" is now the least recently used
        cache["c"] = {"listener": {"on_x"}}
        self.assertEqual(set(cache), {"a", "c"})
        self.assertEqual(cache.plain, {"a": {}, "c": {"listener": {"on_x"}}})
        del cache["a"]
        self.assertEqual(cache.plain, {"c": {"listener": {"on_x"}}})

    def test_event_name_checked_without_listener(self):
        """An event name without the on_ prefix is refused even when nobody listens."""
        with self.assertRaisesRegex(ValueError, "always starts with 'on_'"):
            self.env["res.partner"]._event("record_write")
