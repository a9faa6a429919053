# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from lxml import etree

from odoo.addons.connector.models.checkpoint import add_checkpoint

from .common import CheckpointCase

REASON = (
    "The shop customer's e-mail matched this contact: it was bound to it and "
    "left unchanged.\nCheck that it is the same person."
)


class TestCheckpointReason(CheckpointCase):
    def _notification(self, checkpoint):
        messages = checkpoint.message_ids.filtered(
            lambda m: "needs a review" in (m.body or "")
        )
        self.assertEqual(len(messages), 1)
        return str(messages.body)

    def test_reason_stored_and_notified(self):
        """The reason given by the connector is on the checkpoint and in its
        notification, one line per line."""
        checkpoint = add_checkpoint(
            self.env,
            "res.partner",
            self.partner.id,
            self.backend._name,
            self.backend.id,
            reason=REASON,
        )
        self.assertEqual(checkpoint.reason, REASON)
        body = self._notification(checkpoint)
        self.assertIn("left unchanged.<br>Check that it is the same person.", body)
        self.assertIn("Partner To Review", body)

    def test_reason_escaped_in_notification(self):
        """A reason quoting remote data cannot inject markup."""
        checkpoint = self.env["connector.checkpoint"].create_from_name(
            "res.partner",
            self.partner.id,
            self.backend._name,
            self.backend.id,
            reason="name was <b>Mallory</b>",
        )
        body = self._notification(checkpoint)
        self.assertIn("name was &lt;b&gt;Mallory&lt;/b&gt;", body)
        self.assertNotIn("<b>Mallory", body)

    def test_oca_signature_without_reason(self):
        """OCA's five positional arguments still work: no reason, the
        notification is the plain one."""
        checkpoint = add_checkpoint(
            self.env, "res.partner", self.partner.id, "res.company", self.backend.id
        )
        self.assertFalse(checkpoint.reason)
        body = self._notification(checkpoint)
        self.assertNotIn("<br>", body)

    def test_reason_searchable(self):
        """The list's search finds checkpoints by their reason."""
        with_reason = self.env["connector.checkpoint"].create_from_name(
            "res.partner",
            self.partner.id,
            self.backend._name,
            self.backend.id,
            reason=REASON,
        )
        self._add(self.partner)
        found = self.env["connector.checkpoint"].search(
            [("reason", "ilike", "same person")]
        )
        self.assertEqual(found, with_reason)

    def test_views_show_reason_and_offer_no_new(self):
        """The list and the form show the reason; neither offers New: only
        connectors create checkpoints."""
        Checkpoint = self.env["connector.checkpoint"].with_user(self.manager)
        views = Checkpoint.get_views([(False, "list"), (False, "form")])["views"]
        for kind in ("list", "form"):
            arch = etree.fromstring(views[kind]["arch"])
            self.assertEqual(arch.get("create"), "false", kind)
            self.assertTrue(arch.xpath("//field[@name='reason']"), kind)
