# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import UserError

from odoo.addons.connector.models.checkpoint import add_checkpoint

from .common import CheckpointCase


class TestCheckpointCreate(CheckpointCase):
    def test_add_checkpoint(self):
        """add_checkpoint() stores the model, the record and the backend."""
        checkpoint = add_checkpoint(
            self.env, "res.partner", self.partner.id, "res.company", self.backend.id
        )
        self.assertEqual(checkpoint.model_id.model, "res.partner")
        self.assertEqual(checkpoint.record_id, self.partner.id)
        self.assertEqual(checkpoint.record, self.partner)
        self.assertEqual(checkpoint.backend_id, self.backend)
        self.assertEqual(checkpoint.state, "need_review")

    def test_add_checkpoint_as_plain_user(self):
        """A job run by a user who is no manager can still add a checkpoint."""
        env = self.env(user=self.user)
        checkpoint = add_checkpoint(
            env, "res.partner", self.partner.id, "res.company", self.backend.id
        )
        self.assertTrue(checkpoint.sudo().exists())
        self.assertEqual(checkpoint.env.uid, self.user.id)
        self.assertFalse(checkpoint.env.su)

    def test_create_from_name(self):
        """create_from_name() gives the same checkpoint as add_checkpoint()."""
        checkpoint = self.env["connector.checkpoint"].create_from_name(
            "res.partner", self.partner.id, "res.company", self.backend.id
        )
        self.assertEqual(checkpoint.record, self.partner)
        self.assertEqual(checkpoint.backend_id, self.backend)

    def test_create_from_name_unknown_model(self):
        """An unknown model is refused with a message naming it."""
        with self.assertRaisesRegex(UserError, "res.nothing"):
            self.env["connector.checkpoint"].create_from_name(
                "res.nothing", 1, "res.company", self.backend.id
            )

    def test_company_defaults_to_current(self):
        """A backend without company gives the checkpoint the current company."""
        company = self.env["res.company"].create({"name": "Other Company"})
        checkpoint = self._add(self.partner)
        self.assertEqual(checkpoint.company_id, self.env.company)
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company.id]))
        other = add_checkpoint(
            env, "res.partner", self.partner.id, "res.company", self.backend.id
        )
        self.assertEqual(other.company_id, company)
