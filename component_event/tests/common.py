# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Shared set-up of the event tests: a private component registry holding the
components of ``component_event`` and the listeners each test builds."""

from odoo.addons.component.core import Component
from odoo.addons.component.tests.common import TransactionComponentRegistryCase


class _RecordingMethods:
    """Event methods appending ``(listener name, event, args, kwargs)`` to
    the ``_calls`` list of the listener class."""

    _calls = None

    def on_record_create(self, record, fields=None):
        self._calls.append(
            (self._name, "on_record_create", (record,), {"fields": fields})
        )

    def on_record_write(self, record, fields=None):
        self._calls.append(
            (self._name, "on_record_write", (record,), {"fields": fields})
        )

    def on_record_unlink(self, record):
        self._calls.append((self._name, "on_record_unlink", (record,), {}))

    def on_custom_event(self, *args, **kwargs):
        self._calls.append((self._name, "on_custom_event", args, kwargs))


class EventRegistryCase(TransactionComponentRegistryCase):
    """Registry with ``component_event`` loaded; ``self.calls`` records the
    listener calls as ``(listener name, event name, args, kwargs)``."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)
        self.addCleanup(self._teardown_registry, self)
        self._load_module_components("component_event")
        self.calls = []

    def _build_listeners(self, *classes):
        """Build listener classes and forget cached lookups, as the rebuild
        of the registry does when the addon of a listener is installed."""
        self._build_components(*classes)
        self.comp_registry._cache.clear()
        self.comp_registry["base.event.collecter"]._cache.clear()

    def _build_recording_listener(self, name, apply_on=None, collection=None):
        """Build a listener of the record events and ``on_custom_event``
        that appends every call to ``self.calls``."""
        listener_class = type(
            "RecordingListener",
            (_RecordingMethods, Component),
            {
                "_name": name,
                "_inherit": "base.event.listener",
                "_apply_on": apply_on,
                "_collection": collection,
                "_calls": self.calls,
            },
        )
        self._build_listeners(listener_class)
        return self.comp_registry[name]

    def _called(self, event=None):
        """Names of the listeners called, in call order (optionally for one event)."""
        return [call[0] for call in self.calls if event is None or call[1] == event]
