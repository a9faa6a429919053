# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from unittest import mock

from odoo.addons.component.core import ComponentRegistry, _component_databases

from ..models.base import DISABLE_EVENTS_CONTEXT_KEY
from .common import EventRegistryCase


class TestEventSuppression(EventRegistryCase):
    """No event while components are not ready, or when the context says so."""

    def setUp(self):
        super().setUp()
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        self.partner = self.env["res.partner"].create({"name": "P"})
        self.calls.clear()

    def _touch_partners(self, env):
        """Create, write, unlink partners and notify a custom event in ``env``."""
        partners = env["res.partner"].create([{"name": "A"}, {"name": "B"}])
        partners.write({"comment": "x"})
        partners._event("on_custom_event").notify(partners)
        partners.unlink()

    def _env_without_registry_key(self):
        context = dict(self.env.context)
        context.pop("components_registry")
        return self.env(context=context)

    def test_events_fire_by_default(self):
        """Control: the same operations reach the listener when nothing prevents it."""
        self._touch_partners(self.env)
        self.assertEqual(len(self.calls), 7)

    def test_component_registry_not_ready(self):
        """Nothing fires while the component registry is not ready."""
        self.comp_registry.ready = False
        self.assertFalse(self.partner._event("on_record_write").has_listeners)
        self._touch_partners(self.env)
        self.assertEqual(self.calls, [])

    def test_no_component_registry(self):
        """Nothing fires when the database has no component registry yet."""
        env = self._env_without_registry_key()
        with (
            mock.patch.dict(_component_databases, clear=True),
            mock.patch.object(env.registry, "ready", True),
        ):
            self.assertFalse(env["res.partner"]._event("on_record_write").has_listeners)
            self._touch_partners(env)
        self.assertEqual(self.calls, [])

    def test_database_registry_used(self):
        """Without a registry in context or argument, the database's one is used."""
        env = self._env_without_registry_key()
        with (
            mock.patch.dict(_component_databases, {env.cr.dbname: self.comp_registry}),
            mock.patch.object(env.registry, "ready", True),
        ):
            self._touch_partners(env)
        self.assertEqual(len(self.calls), 7)

    def test_no_event_while_loading_modules(self):
        """Nothing fires while modules are installed or updated (Odoo registry loading).

        During an in-process install/update the database's component registry
        is still the previous, ready one: it must not hear module data.
        """
        env = self._env_without_registry_key()
        with (
            mock.patch.dict(_component_databases, {env.cr.dbname: self.comp_registry}),
            mock.patch.object(env.registry, "ready", False),
        ):
            self.assertFalse(
                env["res.partner"]._event("on_record_create").has_listeners
            )
            self._touch_partners(env)
        self.assertEqual(self.calls, [])

    def test_registry_without_component_event(self):
        """Nothing fires with a registry where component_event is not loaded."""
        registry = ComponentRegistry()
        registry.load_components("component")
        registry.ready = True
        self._touch_partners(
            self.env(context=dict(self.env.context, components_registry=registry))
        )
        self.assertEqual(self.calls, [])

    def test_disable_context_key(self):
        """The component_event_disable context key silences every event."""
        self.assertEqual(DISABLE_EVENTS_CONTEXT_KEY, "component_event_disable")
        env = self.env(context=dict(self.env.context, component_event_disable=True))
        self.assertFalse(env["res.partner"]._event("on_custom_event").has_listeners)
        self._touch_partners(env)
        self.partner.with_env(env).write({"name": "Q"})
        self.assertEqual(self.calls, [])

    def test_disable_context_key_falsy(self):
        """A falsy component_event_disable value does not silence events."""
        self._touch_partners(
            self.env(context=dict(self.env.context, component_event_disable=False))
        )
        self.assertEqual(len(self.calls), 7)
