# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import HttpCase, new_test_user, tagged

from .common import start_demo_shop


@tagged("post_install", "-at_install")
class TestTourBackend(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_demo_shop(cls)
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_tour_manager",
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
            }
        )

    def test_backend_buttons_tour(self):
        """From the menu, Check connection works and Import products enqueues a job."""
        self.start_tour(
            "/odoo", "connector_demo_shop_backend", login=self.manager.login
        )
        jobs = self.env["queue.job"].search(
            [
                ("model_name", "=", "demo.shop.product.product"),
                ("method_name", "=", "import_batch"),
            ]
        )
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.channel, "root.demo_shop.import")
        self.assertEqual(jobs.args, [self.backend])
