# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException


@tagged("post_install", "-at_install")
class TestTourCheckpoint(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="connector_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        cls.user = new_test_user(cls.env, login="plain_user", groups="base.group_user")
        if "odoobot_state" in cls.manager._fields:
            # mail_bot's greeting on a first login would open Discuss mid-tour
            cls.manager.odoobot_state = "disabled"
        Checkpoint = cls.env["connector.checkpoint"]
        company = cls.env.company
        cls.checkpoints = {}
        for name in (
            "Tour Partner To Review",
            "Other Partner To Review",
            "Already Reviewed Partner",
        ):
            partner = cls.env["res.partner"].create({"name": name})
            cls.checkpoints[name] = Checkpoint.create_from_name(
                "res.partner", partner.id, company._name, company.id
            )
        cls.checkpoints["Already Reviewed Partner"].reviewed()

    def test_review_tour(self):
        """A connector manager reviews a checkpoint from the menu to the wizard."""
        self.start_tour(
            "/odoo", "connector_checkpoint_review", login=self.manager.login
        )
        self.assertEqual(self.checkpoints["Tour Partner To Review"].state, "reviewed")
        self.assertEqual(
            self.checkpoints["Other Partner To Review"].state, "need_review"
        )

    def test_plain_user_cannot_reach(self):
        """A plain user gets no Connectors menu and an access error on checkpoints."""
        self.authenticate(self.user.login, self.user.login)
        response = self.url_open("/web/webclient/load_menus")
        response.raise_for_status()
        xmlids = {menu.get("xmlid") for menu in response.json().values()}
        # the listing works for this user: Discuss is there, Connectors is not
        self.assertIn("mail.menu_root_discuss", xmlids)
        self.assertNotIn("connector.menu_connector_root", xmlids)
        self.assertNotIn("connector.menu_checkpoint", xmlids)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/connector.checkpoint/web_search_read",
                {
                    "model": "connector.checkpoint",
                    "method": "web_search_read",
                    "args": [[]],
                    "kwargs": {"specification": {"name": {}}},
                },
            )

    def test_manager_menus(self):
        """The same request as a connector manager lists the Connectors menus."""
        self.authenticate(self.manager.login, self.manager.login)
        response = self.url_open("/web/webclient/load_menus")
        response.raise_for_status()
        xmlids = {menu.get("xmlid") for menu in response.json().values()}
        self.assertIn("connector.menu_connector_root", xmlids)
        self.assertIn("connector.menu_checkpoint", xmlids)
