# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.component.core import Component

from .common import EventRegistryCase


class TestEventFromModel(EventRegistryCase):
    """Custom events notified from models reach the right listeners."""

    def setUp(self):
        super().setUp()
        self.partner = self.env["res.partner"].create({"name": "Event Partner"})
        self.calls.clear()

    def test_event_from_model(self):
        """A custom event notified from a record runs the listener with its args."""
        received = []

        class MyEventListener(Component):
            _name = "my.event.listener"
            _inherit = "base.event.listener"

            def on_foo(self, record, name):
                received.append((record, name))

        self._build_listeners(MyEventListener)
        self.partner._event("on_foo", components_registry=self.comp_registry).notify(
            self.partner, "bar"
        )
        self.assertEqual(received, [(self.partner, "bar")])

    def test_event_filter_on_model(self):
        """Generic and res.partner listeners run; a res.users listener does not."""
        self._build_recording_listener("generic.listener")
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        self._build_recording_listener("user.listener", apply_on=["res.users"])
        self.partner._event("on_custom_event").notify(self.partner, "bar")
        self.assertEqual(self._called(), ["generic.listener", "partner.listener"])

    def test_event_filter_on_collection(self):
        """With a collection, generic and same-collection listeners run, others not."""
        self._build_recording_listener("generic.listener")
        self._build_recording_listener(
            "collection.listener", collection="collection.base"
        )
        self._build_recording_listener("magento.listener", collection="magento.backend")
        collection = self.env["collection.base"].new()
        self.partner._event("on_custom_event", collection=collection).notify(
            self.partner
        )
        self.assertEqual(self._called(), ["generic.listener", "collection.listener"])

    def test_collection_listener_not_called_without_collection(self):
        """Without a collection, listeners of any collection run (upstream rule)."""
        self._build_recording_listener("magento.listener", collection="magento.backend")
        self.partner._event("on_custom_event").notify(self.partner)
        self.assertEqual(self._called(), ["magento.listener"])

    def test_record_events_skip_other_model_and_collection(self):
        """create/write/unlink never reach listeners of another model or collection."""
        self._build_recording_listener("user.listener", apply_on="res.users")
        self._build_recording_listener("country.listener", apply_on=["res.country"])
        collection = self.env["collection.base"].new()
        partner = self.env["res.partner"].create({"name": "Other"})
        partner.write({"name": "Other 2"})
        partner._event("on_custom_event", collection=collection).notify(partner)
        partner.unlink()
        self.assertEqual(self.calls, [])

    def test_listener_on_several_models(self):
        """A listener applied on a list of models receives the events of each."""
        self._build_recording_listener(
            "multi.listener", apply_on=["res.partner", "res.country"]
        )
        self.partner._event("on_custom_event").notify(self.partner)
        country = self.env.ref("base.be")
        country._event("on_custom_event").notify(country)
        self.env.ref("base.user_admin")._event("on_custom_event").notify("user")
        self.assertEqual([call[2][0] for call in self.calls], [self.partner, country])

    def test_listener_on_abstract_model(self):
        """A listener applied on an abstract model gets the events notified by it.

        The match is on the notifying model's name: res.partner inherits
        image.mixin, but its events do not reach the image.mixin listener.
        """
        self._build_recording_listener("mixin.listener", apply_on="image.mixin")
        mixin = self.env["image.mixin"]
        mixin._event("on_custom_event").notify("from the mixin")
        self.env["res.partner"].create({"name": "With image"})
        self.partner._event("on_custom_event").notify("from a partner")
        self.assertEqual(
            self.calls,
            [
                ("mixin.listener", "on_custom_event", ("from the mixin",), {}),
            ],
        )

    def test_listener_work_context(self):
        """A listener works on an env-only EventWorkContext of the notifying model."""
        seen = []

        class MyEventListener(Component):
            _name = "my.event.listener"
            _inherit = "base.event.listener"

            def on_foo(self, record):
                seen.append((self.work.model_name, self.env, self.work._collection))

        self._build_listeners(MyEventListener)
        self.partner._event("on_foo").notify(self.partner)
        self.assertEqual(len(seen), 1)
        model_name, env, collection = seen[0]
        self.assertEqual(model_name, "res.partner")
        self.assertIs(env, self.partner.env)
        self.assertIsNone(collection)

    def test_notify_without_listener(self):
        """An event nobody listens to is a no-op."""
        events = self.partner._event("on_nobody_listens")
        self.assertFalse(events.has_listeners)
        events.notify(self.partner)
