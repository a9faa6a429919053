# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The stock binder (base.binder), with the 18.0 fix: empty ids, context, 0."""

from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields

from odoo.addons.component.core import WorkContext
from odoo.addons.component.tests.common import TransactionComponentCase
from odoo.addons.connector.components.binder import sync_date_now


class BinderCase(TransactionComponentCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Test"})
        self.work = WorkContext(
            model_name="connector.test.binding", collection=self.backend
        )
        self.binder = self.work.component(usage="binder")
        self.record = self.env["connector.test.record"].create({"name": "Bound"})
        self.binding = self.env["connector.test.binding"].create(
            {"backend_id": self.backend.id, "odoo_id": self.record.id}
        )


class TestDefaultBinder(BinderCase):
    def test_default_binder(self):
        """bind, to_internal, to_external, unwrap_model and unwrap_binding agree."""
        self.binder.bind("0", self.binding)
        self.assertEqual(self.binder.to_internal("0"), self.binding)
        self.assertEqual(self.binder.to_internal("0", unwrap=True), self.record)
        self.assertEqual(self.binder.to_external(self.binding), "0")
        self.assertEqual(self.binder.to_external(self.binding.id), "0")
        self.assertEqual(self.binder.to_external(self.record, wrap=True), "0")
        self.assertEqual(self.binder.unwrap_model(), "connector.test.record")
        self.assertEqual(self.binder.unwrap_binding(self.binding), self.record)
        self.assertEqual(self.binder.unwrap_binding(self.binding.id), self.record)
        self.assertTrue(self.binding.sync_date)

    def test_to_internal_external_id_zero(self):
        """0 is a valid external id."""
        self.binder.bind(0, self.binding)
        self.assertEqual(self.binder.to_internal(0), self.binding)
        self.assertEqual(self.binder.to_internal(0, unwrap=True), self.record)

    def test_to_internal_empty_external_id(self):
        """None, False, True and "" find nothing, even a binding without external id."""
        self.assertFalse(self.binding.external_id)
        for empty in (None, False, True, ""):
            binding = self.binder.to_internal(empty)
            self.assertFalse(binding, empty)
            self.assertEqual(binding._name, "connector.test.binding")
            record = self.binder.to_internal(empty, unwrap=True)
            self.assertFalse(record, empty)
            self.assertEqual(record._name, "connector.test.record")

    def test_to_internal_returned_context(self):
        """The returned records keep the caller's context: no active_test leak."""
        self.binder.bind("42", self.binding)
        context = self.binder.model.env.context
        self.assertNotIn("active_test", context)
        for unwrap in (False, True):
            for external_id in ("42", "unknown", None):
                result = self.binder.to_internal(external_id, unwrap=unwrap)
                self.assertEqual(result.env.context, context, (external_id, unwrap))

    def test_bind_empty_external_id(self):
        """bind() rejects None, False, True and "" as external ids."""
        for empty in (None, False, True, ""):
            with self.assertRaisesRegex(
                AssertionError, "external_id or binding missing"
            ):
                self.binder.bind(empty, self.binding)
        with self.assertRaisesRegex(AssertionError, "external_id or binding missing"):
            self.binder.bind("1", self.env["connector.test.binding"])


class TestBinderSyncDate(BinderCase):
    """bind() stamps the ORM's now() to the second, computed more cheaply."""

    def test_sync_date_is_now_to_the_second(self):
        before = fields.Datetime.now()
        self.binder.bind("5", self.binding)
        after = fields.Datetime.now()
        sync_date = self.binding.sync_date
        self.assertIsNone(sync_date.tzinfo)
        self.assertEqual(sync_date.microsecond, 0)
        self.assertTrue(before <= sync_date <= after, (before, sync_date, after))

    def test_sync_date_follows_freezegun(self):
        with freeze_time("2026-03-02 10:00:00.654321"):
            self.binder.bind("5", self.binding)
            self.assertEqual(sync_date_now(), datetime(2026, 3, 2, 10, 0, 0))
        self.assertEqual(self.binding.sync_date, datetime(2026, 3, 2, 10, 0, 0))

    def test_sync_date_follows_a_patched_orm_now(self):
        """A test replacing fields.Datetime.now controls the sync date."""
        stamp = datetime(2031, 7, 8, 9, 10, 11)
        with patch.object(fields.Datetime, "now", return_value=stamp):
            self.binder.bind("5", self.binding)
        self.assertEqual(self.binding.sync_date, stamp)


class TestBinderToExternal(BinderCase):
    def test_to_external_of_two_binding_models(self):
        """One binder given bindings of two models reads each one's field."""
        other = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend.id, "external_id": 3}
        )
        self.binder.bind("A", self.binding)
        for __ in range(2):
            self.assertEqual(self.binder.to_external(self.binding), "A")
            self.assertEqual(self.binder.to_external(other), 3)

    def test_to_external_needs_one_binding(self):
        """An empty recordset or several bindings: the ORM's singleton error."""
        record = self.env["connector.test.record"].create({"name": "Second"})
        second = self.env["connector.test.binding"].create(
            {"backend_id": self.backend.id, "odoo_id": record.id}
        )
        self.binder.bind("A", self.binding)
        self.assertEqual(self.binder.to_external(self.binding), "A")
        for bindings in (self.binding.browse(), self.binding | second):
            with self.assertRaisesRegex(ValueError, "Expected singleton"):
                self.binder.to_external(bindings)


class TestBinderEdgeCases(BinderCase):
    def test_inactive_binding(self):
        """Inactive bindings are found both ways, without leaking active_test."""
        self.binder.bind("7", self.binding)
        self.record.active = False
        self.assertFalse(
            self.env["connector.test.binding"].search([("id", "=", self.binding.id)])
        )
        found = self.binder.to_internal("7")
        self.assertEqual(found, self.binding)
        self.assertNotIn("active_test", found.env.context)
        self.assertEqual(self.binder.to_internal("7", unwrap=True), self.record)
        self.assertEqual(self.binder.to_external(self.record, wrap=True), "7")

    def test_to_external_wrap_unbound(self):
        """to_external(wrap=True) of a record not bound on the backend gives None."""
        other = self.env["connector.test.record"].create({"name": "Unbound"})
        self.assertIsNone(self.binder.to_external(other, wrap=True))
        self.assertIsNone(self.binder.to_external(other.id, wrap=True))

    def test_scoped_by_backend(self):
        """A binding of another backend is not found."""
        self.binder.bind("9", self.binding)
        other_backend = self.env["test.backend"].create({"name": "Other"})
        other_binder = WorkContext(
            model_name="connector.test.binding", collection=other_backend
        ).component(usage="binder")
        self.assertFalse(other_binder.to_internal("9"))
        self.assertIsNone(other_binder.to_external(self.record, wrap=True))

    def test_integer_external_id(self):
        """A binding with an integer external id binds and finds 0."""
        binding = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend.id, "external_id": 3}
        )
        binder = self.work.component(usage="binder", model_name="no.inherits.binding")
        binder.bind(0, binding)
        self.assertEqual(binder.to_internal(0), binding)
        self.assertFalse(binder.to_internal(3))
        self.assertEqual(binder.to_external(binding), 0)

    def test_unwrap_model_without_odoo_field(self):
        """The stock binder cannot unwrap a binding without odoo_id: ValueError."""
        binder = self.work.component_by_name(
            "base.binder", model_name="no.inherits.binding"
        )
        with self.assertRaisesRegex(
            ValueError,
            "Cannot unwrap model no.inherits.binding, because it has no odoo_id fields",
        ):
            binder.unwrap_model()
