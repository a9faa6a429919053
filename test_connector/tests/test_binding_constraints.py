# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from psycopg2 import IntegrityError

from odoo.tests import TransactionCase
from odoo.tools import mute_logger


class TestBindingConstraints(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Backend = cls.env["test.backend"]
        cls.backend = Backend.create({"name": "First Backend"})
        cls.other_backend = Backend.create({"name": "Second Backend"})
        Record = cls.env["connector.test.record"]
        cls.record = Record.create({"name": "Bound"})
        cls.other_record = Record.create({"name": "Bound Too"})

    def _bind(self, model, **values):
        binding = self.env[model].create(values)
        self.env.flush_all()
        return binding

    def _assert_rejected(self, model, message, **values):
        """Creating the binding fails on the constraint with ``message``."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            self._bind(model, **values)
        self.assertIn(message, self.env[model]._sql_error_to_message(caught.exception))

    def test_same_external_id_same_backend(self):
        """Two bindings of one external id on one backend are rejected."""
        self._bind(
            "connector.test.binding",
            backend_id=self.backend.id,
            odoo_id=self.record.id,
            external_id="A1",
        )
        self._assert_rejected(
            "connector.test.binding",
            "A binding already exists for this external ID on this backend.",
            backend_id=self.backend.id,
            odoo_id=self.other_record.id,
            external_id="A1",
        )

    def test_same_external_id_two_backends(self):
        """The same external id may exist once on each backend."""
        first = self._bind(
            "connector.test.binding",
            backend_id=self.backend.id,
            odoo_id=self.record.id,
            external_id="A1",
        )
        second = self._bind(
            "connector.test.binding",
            backend_id=self.other_backend.id,
            odoo_id=self.record.id,
            external_id="A1",
        )
        self.assertEqual(first.odoo_id, second.odoo_id)

    def test_same_record_same_backend(self):
        """One Odoo record cannot be bound twice on the same backend."""
        self._bind(
            "connector.test.binding",
            backend_id=self.backend.id,
            odoo_id=self.record.id,
            external_id="A1",
        )
        self._assert_rejected(
            "connector.test.binding",
            "This record is already bound on this backend.",
            backend_id=self.backend.id,
            odoo_id=self.record.id,
            external_id="A2",
        )

    def test_no_inherits_binding_unique(self):
        """A binding without _inherits is also unique per backend and external id."""
        self._bind("no.inherits.binding", backend_id=self.backend.id, external_id=7)
        self._bind(
            "no.inherits.binding", backend_id=self.other_backend.id, external_id=7
        )
        self._assert_rejected(
            "no.inherits.binding",
            "A binding already exists for this external ID on this backend.",
            backend_id=self.backend.id,
            external_id=7,
        )

    def test_unbound_bindings_allowed(self):
        """Bindings not yet exported (no external id) do not collide."""
        self._bind(
            "connector.test.binding", backend_id=self.backend.id, odoo_id=self.record.id
        )
        self._bind(
            "connector.test.binding",
            backend_id=self.backend.id,
            odoo_id=self.other_record.id,
        )
        count = self.env["connector.test.binding"].search_count(
            [("backend_id", "=", self.backend.id), ("external_id", "=", False)]
        )
        self.assertEqual(count, 2)
