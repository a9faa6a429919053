# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourCheckpointReason(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="connector_reason_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        if "odoobot_state" in cls.manager._fields:
            # mail_bot's greeting on a first login would open Discuss mid-tour
            cls.manager.odoobot_state = "disabled"
        partner = cls.env["res.partner"].create({"name": "Reason Partner"})
        company = cls.env.company
        cls.env["connector.checkpoint"].create_from_name(
            "res.partner",
            partner.id,
            company._name,
            company.id,
            reason="Matched on its e-mail: bound and left unchanged. Check it.",
        )

    def test_reason_tour(self):
        """The reason is shown in the list, the form and the notification."""
        self.start_tour(
            "/odoo", "connector_checkpoint_reason", login=self.manager.login
        )
