# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import new_test_user

from odoo.addons.connector.models.checkpoint import add_checkpoint

from .common import CheckpointCase


class TestCheckpointNotification(CheckpointCase):
    def test_managers_follow(self):
        """Connector managers follow a new checkpoint; plain users do not."""
        checkpoint = self._add(self.partner)
        followers = checkpoint.message_partner_ids
        self.assertIn(self.manager.partner_id, followers)
        self.assertIn(self.env.ref("base.user_admin").partner_id, followers)
        self.assertNotIn(self.user.partner_id, followers)

    def test_queue_job_managers_do_not_follow(self):
        """Queue job managers are no connector managers: they do not follow."""
        job_manager = new_test_user(
            self.env,
            login="job_manager",
            groups="base.group_user,queue_job.group_queue_job_manager",
        )
        self.assertFalse(job_manager.has_group("connector.group_connector_manager"))
        checkpoint = self._add(self.partner)
        self.assertNotIn(job_manager.partner_id, checkpoint.message_partner_ids)

    def test_creator_not_subscribed(self):
        """The user whose job adds a checkpoint does not follow it."""
        checkpoint = add_checkpoint(
            self.env(user=self.user),
            "res.partner",
            self.partner.id,
            "res.company",
            self.backend.id,
        )
        self.assertNotIn(self.user.partner_id, checkpoint.sudo().message_partner_ids)

    def test_message_names_record(self):
        """The posted message says which record needs a review."""
        checkpoint = self._add(self.partner)
        messages = checkpoint.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )
        self.assertEqual(len(messages), 1)
        self.assertIn("Partner To Review", messages.body)
        self.assertIn("needs a review", messages.body)

    def test_managers_notified(self):
        """The message reaches the connector managers' inbox or mailbox."""
        checkpoint = self._add(self.partner)
        message = checkpoint.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )
        notified = message.notification_ids.res_partner_id
        self.assertIn(self.manager.partner_id, notified)
        self.assertNotIn(self.user.partner_id, notified)
