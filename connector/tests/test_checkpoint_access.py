# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import CheckpointCase


class TestCheckpointAccess(CheckpointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._add(cls.partner)

    def test_manager_full_access(self):
        """A connector manager reads, creates, writes and deletes checkpoints."""
        Checkpoint = self.env["connector.checkpoint"].with_user(self.manager)
        self.assertIn(self.checkpoint, Checkpoint.search([]))
        new = Checkpoint.create_from_name(
            "res.partner", self.partner.id, "res.company", self.backend.id
        )
        new.reviewed()
        self.assertEqual(new.state, "reviewed")
        new.unlink()
        self.assertFalse(new.exists())

    def test_manager_reads_views(self):
        """A connector manager reads every field the checkpoint views show."""
        Checkpoint = self.env["connector.checkpoint"].with_user(self.manager)
        views = Checkpoint.get_views(
            [(False, "list"), (False, "form"), (False, "search")]
        )
        fields = list(views["models"]["connector.checkpoint"]["fields"])
        self.assertIn("model_description", fields)
        values = Checkpoint.browse(self.checkpoint.id).read(fields)[0]
        self.assertEqual(values["name"], "Partner To Review")
        self.assertEqual(values["model_description"], "Contact")
        grouped = Checkpoint.formatted_read_group([], ["model_name"], ["__count"])
        self.assertEqual(grouped[0]["model_name"], "res.partner")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_plain_user_no_access(self):
        """A plain internal user can neither search, read, write nor create."""
        Checkpoint = self.env["connector.checkpoint"].with_user(self.user)
        with self.assertRaises(AccessError):
            Checkpoint.search([])
        with self.assertRaises(AccessError):
            self.checkpoint.with_user(self.user).read(["name", "state"])
        with self.assertRaises(AccessError):
            self.checkpoint.with_user(self.user).reviewed()
        with self.assertRaises(AccessError):
            Checkpoint.create_from_name(
                "res.partner", self.partner.id, "res.company", self.backend.id
            )

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_plain_user_no_wizard(self):
        """A plain internal user cannot open the review wizard."""
        Review = self.env["connector.checkpoint.review"].with_user(self.user)
        with self.assertRaises(AccessError):
            Review.create({"checkpoint_ids": [(6, 0, self.checkpoint.ids)]})

    def test_partner_page_for_managers(self):
        """The partner form's Connectors page exists for managers only."""
        Partner = self.env["res.partner"]
        arch = Partner.with_user(self.manager).get_view(view_type="form")["arch"]
        self.assertIn('name="connector"', arch)
        arch = Partner.with_user(self.user).get_view(view_type="form")["arch"]
        self.assertNotIn('name="connector"', arch)
