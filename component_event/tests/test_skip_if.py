# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.component.core import Component
from odoo.addons.component_event import skip_if as package_skip_if

from ..components.event import skip_if
from .common import EventRegistryCase


class TestSkipIf(EventRegistryCase):
    """skip_if conditions see the listener and the event arguments."""

    def _build_listener(self, *decorators):
        """Build a partner listener whose on_record_write is wrapped by
        ``decorators`` (outermost first) and records the partner names."""
        written = self.written = []

        def on_record_write(self, record, fields=None):
            written.append(record.name)

        for decorator in reversed(decorators):
            on_record_write = decorator(on_record_write)

        class Listener(Component):
            _name = "skip.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"
            skip_names = ("Skipped by listener",)

        Listener.on_record_write = on_record_write
        self._build_listeners(Listener)

    def test_package_level_import(self):
        """skip_if is importable from the addon package."""
        self.assertIs(package_skip_if, skip_if)

    def test_condition_on_record(self):
        """A condition on the record skips only the matching records."""
        self._build_listener(skip_if(lambda self, record, **kw: record.ref == "skip"))
        partners = self.env["res.partner"].create(
            [{"name": "Kept", "ref": "keep"}, {"name": "Skipped", "ref": "skip"}]
        )
        partners.write({"comment": "x"})
        self.assertEqual(self.written, ["Kept"])

    def test_condition_on_kwargs(self):
        """A condition on the keyword arguments (the written fields) skips the call."""
        self._build_listener(
            skip_if(lambda self, record, fields=None: fields == ["comment"])
        )
        partner = self.env["res.partner"].create({"name": "P"})
        partner.write({"comment": "ignored"})
        partner.write({"ref": "seen"})
        self.assertEqual(self.written, ["P"])

    def test_condition_on_listener(self):
        """A condition receives the listener itself as first argument."""
        self._build_listener(
            skip_if(lambda self, record, **kw: record.name in self.skip_names)
        )
        partners = self.env["res.partner"].create(
            [{"name": "Skipped by listener"}, {"name": "Kept"}]
        )
        partners.write({"comment": "x"})
        self.assertEqual(self.written, ["Kept"])

    def test_condition_on_context(self):
        """A condition on the env context lets callers silence one listener."""
        self._build_listener(
            skip_if(lambda self, record, **kw: record.env.context.get("no_export"))
        )
        partner = self.env["res.partner"].create({"name": "P"})
        partner.with_context(no_export=True).write({"comment": "x"})
        partner.write({"comment": "y"})
        self.assertEqual(self.written, ["P"])

    def test_stacked_conditions(self):
        """Stacked skip_if skip the call as soon as one condition is truthy."""
        self._build_listener(
            skip_if(lambda self, record, **kw: record.ref == "first"),
            skip_if(lambda self, record, **kw: record.ref == "second"),
        )
        partners = self.env["res.partner"].create(
            [
                {"name": "First", "ref": "first"},
                {"name": "Second", "ref": "second"},
                {"name": "Third", "ref": "third"},
            ]
        )
        partners.write({"comment": "x"})
        self.assertEqual(self.written, ["Third"])

    def test_falsy_condition_calls(self):
        """A falsy condition calls the method with the original arguments."""
        self._build_listener(skip_if(lambda self, record, **kw: None))
        partner = self.env["res.partner"].create({"name": "P"})
        partner.write({"comment": "x"})
        self.assertEqual(self.written, ["P"])

    def test_skip_returns_none_and_keeps_name(self):
        """The wrapper returns None when skipping and keeps the method's name."""

        @skip_if(lambda *args, **kwargs: kwargs.get("skip"))
        def on_something(value, skip=False):
            return value * 2

        self.assertEqual(on_something.__name__, "on_something")
        self.assertEqual(on_something(21), 42)
        self.assertIsNone(on_something(21, skip=True))

    def test_skip_only_one_event(self):
        """skip_if on one event method leaves the other events of the listener alone."""
        received = []

        class Listener(Component):
            _name = "skip.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_record_create(self, record, fields=None):
                received.append("create")

            @skip_if(lambda self, record, **kw: True)
            def on_record_write(self, record, fields=None):
                received.append("write")

        self._build_listeners(Listener)
        self.env["res.partner"].create({"name": "P"}).write({"comment": "x"})
        self.assertEqual(received, ["create"])
