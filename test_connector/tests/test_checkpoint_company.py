# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.connector.models.checkpoint import add_checkpoint


class TestCheckpointCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        groups = "base.group_user,connector.group_connector_manager"
        cls.manager_a = new_test_user(
            cls.env,
            login="manager_a",
            groups=groups,
            company_id=cls.company_a.id,
            company_ids=[(6, 0, cls.company_a.ids)],
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="manager_b",
            groups=groups,
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        Backend = cls.env["test.backend"]
        cls.backend_a = Backend.create({"name": "A", "company_id": cls.company_a.id})
        cls.backend_b = Backend.create({"name": "B", "company_id": cls.company_b.id})
        cls.shared_backend = Backend.create({"name": "Shared"})
        cls.record = cls.env["connector.test.record"].create({"name": "To Review"})

    def _add(self, backend):
        return add_checkpoint(
            self.env, self.record._name, self.record.id, backend._name, backend.id
        )

    def test_company_from_backend(self):
        """A checkpoint takes the company of the backend it comes from."""
        self.assertEqual(self._add(self.backend_b).company_id, self.company_b)
        self.assertFalse(self._add(self.shared_backend).company_id)

    def test_other_company_hidden(self):
        """A manager of another company neither lists nor reads the checkpoint."""
        checkpoint = self._add(self.backend_a)
        Checkpoint = self.env["connector.checkpoint"]
        self.assertIn(checkpoint, Checkpoint.with_user(self.manager_a).search([]))
        self.assertNotIn(checkpoint, Checkpoint.with_user(self.manager_b).search([]))
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            checkpoint.with_user(self.manager_b).read(["state"])

    def test_shared_backend_visible(self):
        """A checkpoint of a backend without company is visible to every company."""
        checkpoint = self._add(self.shared_backend)
        Checkpoint = self.env["connector.checkpoint"]
        self.assertIn(checkpoint, Checkpoint.with_user(self.manager_a).search([]))
        self.assertIn(checkpoint, Checkpoint.with_user(self.manager_b).search([]))

    def test_followers_by_company(self):
        """Only the managers who can see a checkpoint follow it."""
        followers = self._add(self.backend_b).message_partner_ids
        self.assertIn(self.manager_b.partner_id, followers)
        self.assertNotIn(self.manager_a.partner_id, followers)
        followers = self._add(self.shared_backend).message_partner_ids
        self.assertIn(self.manager_a.partner_id, followers)
        self.assertIn(self.manager_b.partner_id, followers)
