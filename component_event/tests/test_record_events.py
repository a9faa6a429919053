# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.component.core import Component

from .common import EventRegistryCase


class TestRecordEvents(EventRegistryCase):
    """create, write and unlink notify their events, once per record."""

    def test_create_notifies_each_record(self):
        """A multi-record create notifies each record once, with its own fields."""
        self._build_recording_listener("tag.listener", apply_on="res.partner.category")
        tags = self.env["res.partner.category"].create(
            [
                {"name": "A"},
                {"name": "B", "color": 3},
                {"name": "C", "active": True, "color": 4},
            ]
        )
        self.assertEqual(len(tags), 3)
        self.assertEqual(
            [(call[1], call[2], call[3]) for call in self.calls],
            [
                ("on_record_create", (tags[0],), {"fields": ["name"]}),
                ("on_record_create", (tags[1],), {"fields": ["name", "color"]}),
                (
                    "on_record_create",
                    (tags[2],),
                    {"fields": ["name", "active", "color"]},
                ),
            ],
        )

    def test_create_fields_of_each_partner(self):
        """Each created partner's event carries the fields given for it."""
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        partners = self.env["res.partner"].create(
            [{"name": "A"}, {"name": "B", "email": "b@example.com"}]
        )
        self.assertEqual([call[2][0] for call in self.calls], list(partners))
        fields_a, fields_b = (call[3]["fields"] for call in self.calls)
        self.assertIn("name", fields_a)
        self.assertNotIn("email", fields_a)
        self.assertTrue({"name", "email"} <= set(fields_b))

    def test_create_event_after_create(self):
        """on_record_create runs once the record exists with its values."""
        seen = []

        class Listener(Component):
            _name = "partner.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_record_create(self, record, fields=None):
                record.env.flush_all()
                record.env.cr.execute(
                    "SELECT name FROM res_partner WHERE id = %s", (record.id,)
                )
                seen.append(record.env.cr.fetchone()[0])

        self._build_listeners(Listener)
        self.env["res.partner"].create({"name": "Created"})
        self.assertEqual(seen, ["Created"])

    def test_create_single_dict(self):
        """create() with a single dict notifies one event."""
        self._build_recording_listener("tag.listener", apply_on="res.partner.category")
        tag = self.env["res.partner.category"].create({"name": "Alone"})
        self.assertEqual(
            self.calls,
            [("tag.listener", "on_record_create", (tag,), {"fields": ["name"]})],
        )

    def test_write_notifies_each_record(self):
        """write() notifies on_record_write once per record with the written fields."""
        partners = self.env["res.partner"].create([{"name": "A"}, {"name": "B"}])
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        partners.write({"ref": "R", "comment": "x"})
        self.assertEqual(
            self.calls,
            [
                (
                    "partner.listener",
                    "on_record_write",
                    (partner,),
                    {"fields": ["ref", "comment"]},
                )
                for partner in partners
            ],
        )

    def test_write_event_sees_new_values(self):
        """on_record_write runs after the write: the listener reads the new value."""
        partner = self.env["res.partner"].create({"name": "Old"})
        seen = []

        class Listener(Component):
            _name = "partner.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_record_write(self, record, fields=None):
                seen.append(record.name)

        self._build_listeners(Listener)
        partner.write({"name": "New"})
        self.assertEqual(seen, ["New"])

    def test_write_empty_recordset(self):
        """Writing on an empty recordset notifies nothing."""
        self._build_recording_listener("partner.listener", apply_on="res.partner")
        self.env["res.partner"].browse().write({"name": "Nobody"})
        self.assertEqual(self.calls, [])

    def test_unlink_listener_sees_record(self):
        """on_record_unlink runs before the deletion: the listener reads the record."""
        partners = self.env["res.partner"].create(
            [{"name": "Gone 1"}, {"name": "Gone 2"}]
        )
        seen = []

        class Listener(Component):
            _name = "partner.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_record_unlink(self, record):
                still_exists = bool(record.exists())
                record.env.cr.execute(
                    "SELECT name FROM res_partner WHERE id = %s", (record.id,)
                )
                seen.append((record.name, still_exists, record.env.cr.fetchone()))

        self._build_listeners(Listener)
        partners.unlink()
        self.assertEqual(
            seen, [("Gone 1", True, ("Gone 1",)), ("Gone 2", True, ("Gone 2",))]
        )
        self.assertFalse(partners.exists())

    def test_events_of_all_listeners(self):
        """Several listeners of one model all receive each record event."""
        self._build_recording_listener("listener.one", apply_on="res.partner")
        self._build_recording_listener("listener.two")
        partner = self.env["res.partner"].create({"name": "Twice"})
        partner.write({"name": "Twice 2"})
        partner.unlink()
        # listener.two hears every model: keep the partner's events only
        self.assertEqual(
            [
                (call[0], call[1])
                for call in self.calls
                if call[2][0]._name == "res.partner"
            ],
            [
                ("listener.one", "on_record_create"),
                ("listener.two", "on_record_create"),
                ("listener.one", "on_record_write"),
                ("listener.two", "on_record_write"),
                ("listener.one", "on_record_unlink"),
                ("listener.two", "on_record_unlink"),
            ],
        )

    def test_listener_gets_caller_env(self):
        """Listeners work in the env (user, context) of the caller."""
        seen = []

        class Listener(Component):
            _name = "partner.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_record_create(self, record, fields=None):
                seen.append(
                    (self.env.context.get("marker"), record.env.context.get("marker"))
                )

        self._build_listeners(Listener)
        self.env["res.partner"].with_context(marker="m").create({"name": "Ctx"})
        self.assertEqual(seen, [("m", "m")])
