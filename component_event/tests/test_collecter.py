# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.component.core import AbstractComponent, Component

from .. import skip_if
from ..core import EventWorkContext
from .common import EventRegistryCase


class TestEventCollecter(EventRegistryCase):
    """The collecter finds listeners and caches what it found.

    Upstream's ``TestEvent`` held these checks in a class that was not a test
    case, so they never ran; here they do.
    """

    def setUp(self):
        super().setUp()
        self.work = EventWorkContext(
            model_name="res.users",
            env=self.env,
            components_registry=self.comp_registry,
        )
        self.collecter = self.comp_registry["base.event.collecter"](self.work)

    def _build_listener(self, name):
        """Build a listener ``name`` of on_record_create doing nothing."""

        def on_record_create(self, record, fields=None):
            return None

        listener_class = type(
            "Listener",
            (Component,),
            {
                "_name": name,
                "_inherit": "base.event.listener",
                "on_record_create": on_record_create,
            },
        )
        self._build_components(listener_class)

    def test_event(self):
        """A listener receives the exact arguments and keyword arguments notified."""
        received = []

        class MyEventListener(Component):
            _name = "my.event.listener"
            _inherit = "base.event.listener"

            def on_record_create(self, record, fields=None):
                received.append((record, fields))

        self._build_components(MyEventListener)
        partner = self.env.ref("base.main_partner")
        self.collecter.collect_events("on_record_create").notify(
            partner, fields=["name"]
        )
        self.assertEqual(received, [(partner, ["name"])])

    def test_collect_several(self):
        """Two listeners of one event give two collected events, both called."""
        received = []

        class MyEventListener(Component):
            _name = "my.event.listener"
            _inherit = "base.event.listener"

            def on_record_create(self, record, fields=None):
                received.append(self._name)

        class MyOtherEventListener(Component):
            _name = "my.other.event.listener"
            _inherit = "base.event.listener"

            def on_record_create(self, record, fields=None):
                received.append(self._name)

        self._build_components(MyEventListener, MyOtherEventListener)
        collected = self.collecter.collect_events("on_record_create")
        self.assertEqual(len(collected.events), 2)
        collected.notify(self.env.ref("base.main_partner"))
        # registration order, not an arbitrary set order
        self.assertEqual(received, ["my.event.listener", "my.other.event.listener"])

    def test_event_cache(self):
        """A listener built after a collect is hidden until both caches are cleared."""
        self._build_listener("my.event.listener")
        self.assertEqual(
            len(self.collecter.collect_events("on_record_create").events), 1
        )
        self._build_listener("my.other.event.listener")
        self.assertEqual(
            len(self.collecter.collect_events("on_record_create").events), 1
        )
        self.collecter._cache.clear()
        self.comp_registry._cache.clear()
        self.assertEqual(
            len(self.collecter.collect_events("on_record_create").events), 2
        )

    def test_event_cache_collection(self):
        """Another collection is another cache entry."""
        self._build_listener("my.event.listener")
        self.assertEqual(
            len(self.collecter.collect_events("on_record_create").events), 1
        )
        self._build_listener("my.other.event.listener")
        work = EventWorkContext(
            model_name="res.users",
            collection=self.env["collection.base"].new(),
            components_registry=self.comp_registry,
        )
        collecter = self.comp_registry["base.event.collecter"](work)
        self.assertEqual(len(collecter.collect_events("on_record_create").events), 2)

    def test_event_cache_model_name(self):
        """Another model is another cache entry."""
        self._build_listener("my.event.listener")
        self.assertEqual(
            len(self.collecter.collect_events("on_record_create").events), 1
        )
        self._build_listener("my.other.event.listener")
        work = EventWorkContext(
            model_name="res.country",
            env=self.env,
            components_registry=self.comp_registry,
        )
        collecter = self.comp_registry["base.event.collecter"](work)
        self.assertEqual(len(collecter.collect_events("on_record_create").events), 2)

    def test_skip_if(self):
        """A truthy skip_if condition prevents the call of the event method."""

        class MyEventListener(Component):
            _name = "my.event.listener"
            _inherit = "base.event.listener"

            @skip_if(lambda self, record, fields=None: "skip" in fields)
            def on_record_create(self, record, fields=None):
                raise AssertionError("the skip_if condition should have skipped me")

        self._build_components(MyEventListener)
        collected = self.collecter.collect_events("on_record_create")
        self.assertEqual(len(collected.events), 1)
        collected.notify(self.env.ref("base.main_partner"), fields=["skip"])
        with self.assertRaisesRegex(AssertionError, "should have skipped me"):
            collected.notify(self.env.ref("base.main_partner"), fields=["name"])

    def test_event_name_must_start_with_on(self):
        """An event name without the on_ prefix is refused."""
        with self.assertRaisesRegex(ValueError, "always starts with 'on_'"):
            self.collecter.collect_events("record_create")

    def test_abstract_listener_not_collected(self):
        """An abstract listener is a base for others and is never called."""

        class AbstractListener(AbstractComponent):
            _name = "my.abstract.listener"
            _inherit = "base.event.listener"

            def on_record_create(self, record, fields=None):
                raise AssertionError("abstract listeners are never called")

        self._build_components(AbstractListener)
        self.assertFalse(
            self.comp_registry["my.abstract.listener"].has_event("on_record_create")
        )
        self.assertEqual(self.collecter.collect_events("on_record_create").events, [])

    def test_has_event(self):
        """A listener handles exactly its on_* methods."""
        self._build_listener("my.event.listener")
        listener_class = self.comp_registry["my.event.listener"]
        self.assertTrue(listener_class.has_event("on_record_create"))
        self.assertFalse(listener_class.has_event("on_record_write"))
