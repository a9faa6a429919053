# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import HttpCase, new_test_user, tagged

from .common import start_demo_shop


@tagged("post_install", "-at_install")
class TestTourPartnerMatch(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_demo_shop(cls)
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_match_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        if "odoobot_state" in cls.manager._fields:
            # mail_bot's greeting on a first login would open Discuss mid-tour
            cls.manager.odoobot_state = "disabled"
        cls.backend = cls.env["demo.shop.backend"].create(
            {
                "name": "Tour Shop",
                "url": cls.shop_url,
                "consumer_key": cls.shop_key,
                "consumer_secret": cls.shop_secret,
                "request_timeout": 10,
            }
        )

    def test_accept_match_tour(self):
        """From the Customer Matches menu a manager merges the proposed partner."""
        customer = self.shop.get("customers", orderby="id", per_page=1)[0]
        partner = self.env["res.partner"].create(
            {"name": "Existing Erin", "email": customer["email"]}
        )
        model = self.env["demo.shop.res.partner"]
        model.import_record(self.backend, str(customer["id"]))
        match = self.env["connector.partner.match"].search(
            [("partner_id", "=", partner.id)]
        )
        self.assertEqual(match.state, "pending")
        self.start_tour(
            "/odoo", "connector_demo_shop_partner_match", login=self.manager.login
        )
        self.assertEqual(match.state, "accepted")
        binding = model.search([("external_id", "=", str(customer["id"]))])
        self.assertEqual(binding.odoo_id, partner)

    def test_delete_policy_tour(self):
        """The backend form sets what deletions in Odoo do in the shop."""
        self.assertEqual(self.backend.remote_delete_policy, "unbind")
        self.start_tour(
            "/odoo", "connector_demo_shop_delete_policy", login=self.manager.login
        )
        self.assertEqual(self.backend.remote_delete_policy, "delete")
