# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The binder's lookups give what an ORM search gives: access rights, record
rules, pending writes and the column's type are honoured."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.component.core import WorkContext

from .test_default_binder import BinderCase


class TestBinderAccess(BinderCase):
    def setUp(self):
        super().setUp()
        self.other = self.env["connector.test.binding"].create(
            {
                "backend_id": self.backend.id,
                "odoo_id": self.env["connector.test.record"]
                .create({"name": "Hidden"})
                .id,
            }
        )
        self.binding.external_id = "E1"
        self.other.external_id = "E2"
        self.manager = new_test_user(
            self.env, "binder_manager", groups="connector.group_connector_manager"
        )
        self.user = new_test_user(self.env, "binder_user", groups="base.group_user")

    def _binder(self, user):
        backend = self.backend.with_user(user)
        work = WorkContext(model_name="connector.test.binding", collection=backend)
        return work.component(usage="binder")

    def test_record_rule_hides_binding(self):
        """A record rule on the binding model filters to_internal and
        to_external(wrap=True), as it filters a search."""
        binder = self._binder(self.manager)
        self.assertEqual(binder.to_internal("E2"), self.other.with_user(self.manager))
        self.env["ir.rule"].create(
            {
                "name": "no E2",
                "model_id": self.env.ref(
                    "test_connector.model_connector_test_binding"
                ).id,
                "domain_force": "[('external_id', '!=', 'E2')]",
            }
        )
        binder = self._binder(self.manager)
        self.assertFalse(binder.to_internal("E2"))
        self.assertEqual(binder.to_internal("E1"), self.binding.with_user(self.manager))
        self.assertIsNone(binder.to_external(self.other.odoo_id, wrap=True))
        self.assertEqual(binder.to_external(self.binding.odoo_id, wrap=True), "E1")

    def test_rule_change_seen_in_same_transaction(self):
        """The rules' SQL kept for the transaction follows a rule changed or
        removed after a lookup, and an inactive binding the rule lets
        through is still found."""
        rule = self.env["ir.rule"].create(
            {
                "name": "no E2",
                "model_id": self.env.ref(
                    "test_connector.model_connector_test_binding"
                ).id,
                "domain_force": "[('external_id', '!=', 'E2')]",
            }
        )
        manager = self.other.with_user(self.manager)
        self.assertFalse(self._binder(self.manager).to_internal("E2"))
        rule.domain_force = "[('external_id', '!=', 'E1')]"
        self.assertEqual(self._binder(self.manager).to_internal("E2"), manager)
        self.assertFalse(self._binder(self.manager).to_internal("E1"))
        self.other.odoo_id.active = False
        self.env.flush_all()
        self.assertEqual(self._binder(self.manager).to_internal("E2"), manager)
        rule.unlink()
        self.assertEqual(
            self._binder(self.manager).to_internal("E1"),
            self.binding.with_user(self.manager),
        )

    def test_no_access_right(self):
        """A user who may not read bindings gets the ORM's AccessError."""
        with self.assertRaises(AccessError):
            self._binder(self.user).to_internal("E1")

    def test_pending_write_is_seen(self):
        """An external id written and not flushed yet is found."""
        self.binding.external_id = "E9"
        self.assertEqual(self.binder.to_internal("E9"), self.binding)
        self.assertFalse(self.binder.to_internal("E1"))

    def test_value_of_another_type(self):
        """An int looked up in a Char column is compared as the ORM does."""
        self.binding.external_id = "42"
        self.assertEqual(self.binder.to_internal(42), self.binding)

    def test_many_pending_writes(self):
        """With many unflushed writes the lookup still sees them."""
        records = self.env["connector.test.record"].create(
            [{"name": f"Many {index}"} for index in range(40)]
        )
        bindings = self.env["connector.test.binding"].create(
            [{"backend_id": self.backend.id, "odoo_id": rec.id} for rec in records]
        )
        self.env.flush_all()
        for index, binding in enumerate(bindings):
            binding.external_id = f"M{index}"
        self.assertEqual(self.binder.to_internal("M33"), bindings[33])
        self.assertEqual(self.binder.to_external(records[7], wrap=True), "M7")
