# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.exceptions import UserError

from odoo.addons.component.core import Component

from .common import EventRegistryCase


class TestListenerError(EventRegistryCase):
    """An exception raised by a listener aborts the operation that notified it."""

    def setUp(self):
        super().setUp()

        class FailingListener(Component):
            _name = "failing.listener"
            _inherit = "base.event.listener"
            _apply_on = "res.partner"

            def on_record_create(self, record, fields=None):
                if record.name == "Refused":
                    raise UserError(self.env._("refused by the listener"))

            def on_record_write(self, record, fields=None):
                if record.name == "Refused":
                    raise UserError(self.env._("refused by the listener"))

        self.partner = self.env["res.partner"].create({"name": "Original"})
        self._build_listeners(FailingListener)

    def _name_in_db(self, partner_id):
        self.env.cr.execute("SELECT name FROM res_partner WHERE id = %s", (partner_id,))
        row = self.env.cr.fetchone()
        return row and row[0]

    def test_exception_aborts_write(self):
        """A write whose listener raises leaves the database value unchanged."""
        with (
            self.assertRaisesRegex(UserError, "refused by the listener"),
            self.env.cr.savepoint(),
        ):
            self.partner.write({"name": "Refused"})
        self.assertEqual(self._name_in_db(self.partner.id), "Original")
        self.env.invalidate_all()
        self.assertEqual(self._name_in_db(self.partner.id), "Original")
        self.assertEqual(self.partner.name, "Original")

    def test_exception_propagates_from_write(self):
        """The listener's exception reaches the caller of write unchanged."""
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.partner.write({"name": "Refused"})
        # other writes keep working in the same transaction
        self.partner.write({"name": "Accepted"})
        self.env.flush_all()
        self.assertEqual(self._name_in_db(self.partner.id), "Accepted")

    def test_exception_aborts_create(self):
        """A create whose listener raises leaves no record behind."""
        self.env.cr.execute("SELECT max(id) FROM res_partner")
        max_id = self.env.cr.fetchone()[0]
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.env["res.partner"].create([{"name": "Fine"}, {"name": "Refused"}])
        self.env.invalidate_all()
        self.env.cr.execute("SELECT count(*) FROM res_partner WHERE id > %s", (max_id,))
        self.assertEqual(self.env.cr.fetchone()[0], 0)
