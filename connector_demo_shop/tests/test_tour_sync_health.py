# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourSyncHealth(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_health_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        if "odoobot_state" in cls.manager._fields:
            # mail_bot's greeting on a first login would open Discuss mid-tour
            cls.manager.odoobot_state = "disabled"
        # no shop needed: nothing in the tour calls it
        cls.backend = cls.env["demo.shop.backend"].create(
            {"name": "Health Shop", "url": "http://127.0.0.1:9"}
        )
        bindings = cls.env["demo.shop.res.partner"].with_context(
            connector_no_export=True
        )
        for number in (1, 2):
            bindings.create(
                {
                    "name": f"Health Customer {number}",
                    "backend_id": cls.backend.id,
                    "external_id": str(number),
                }
            )
        cls.env["demo.shop.product.product"].with_context(
            connector_no_export=True
        ).create(
            {"name": "Health Product", "backend_id": cls.backend.id, "external_id": "7"}
        )

    def test_sync_health_tour(self):
        """From the menu: the demo's smart buttons, the bindings they open."""
        self.start_tour(
            "/odoo", "connector_demo_shop_sync_health", login=self.manager.login
        )
