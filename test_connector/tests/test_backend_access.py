# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger


class TestBackendAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="connector_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        cls.user = new_test_user(cls.env, login="plain_user", groups="base.group_user")
        cls.backend = cls.env["test.backend"].create({"name": "Secret Backend"})
        cls.binding = cls.env["connector.test.binding"].create(
            {
                "backend_id": cls.backend.id,
                "odoo_id": cls.env["connector.test.record"].create({}).id,
                "external_id": "X1",
            }
        )

    def test_manager_reads_backends_and_bindings(self):
        """A connector manager reads backends and bindings."""
        self.assertEqual(self.backend.with_user(self.manager).name, "Secret Backend")
        self.assertEqual(self.binding.with_user(self.manager).external_id, "X1")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_plain_user_reads_nothing(self):
        """A plain user reads neither the backends nor the bindings."""
        with self.assertRaises(AccessError):
            self.env["test.backend"].with_user(self.user).search([])
        with self.assertRaises(AccessError):
            self.backend.with_user(self.user).read(["name"])
        with self.assertRaises(AccessError):
            self.binding.with_user(self.user).read(["external_id"])
