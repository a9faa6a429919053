# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import logging

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.connector_demo_shop.exception import DemoShopAuthenticationError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestAccess(DemoShopCase):
    reset_shop_each_test = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        cls.user = new_test_user(
            cls.env,
            login="demo_shop_user",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )

    def test_manager_reads_credentials(self):
        """A connector manager reads the consumer key and secret."""
        backend = self.backend.with_user(self.manager)
        self.assertEqual(backend.consumer_key, self.shop_key)
        self.assertEqual(backend.consumer_secret, self.shop_secret)

    def test_user_cannot_read_backend_nor_credentials(self):
        """Other users can read neither the backend nor its credentials."""
        backend = self.backend.with_user(self.user)
        with self.assertRaises(AccessError):
            backend.read(["consumer_secret"])
        with self.assertRaises(AccessError):
            backend.read(["name"])

    def test_user_cannot_read_bindings(self):
        """Bindings are for connector managers only."""
        customer = self.shop_get("/customers", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        with self.assertRaises(AccessError):
            self.env["demo.shop.res.partner"].with_user(self.user).search([])

    def test_credentials_never_in_job_arguments(self):
        """Batch and record jobs get the backend record, never the key or secret."""
        with trap_jobs() as trap:
            self.backend.action_import_all()
            self.env["demo.shop.res.partner"].import_batch(self.backend)
        self.assertTrue(trap.calls)
        for call in trap.calls:
            text = repr((call.args, call.kwargs, call.properties))
            self.assertNotIn(self.shop_key, text)
            self.assertNotIn(self.shop_secret, text)

    def test_credentials_never_logged(self):
        """An import at debug level logs neither the key nor the secret."""
        customer = self.shop_get("/customers", per_page=1)[0]
        # the root logger at debug level also sees requests' and urllib3's lines
        with self.assertLogs(level=logging.DEBUG) as logs:
            self.import_record("demo.shop.res.partner", customer["id"], force=True)
            self.backend.consumer_secret = "cs_wrong"
            with self.assertRaises(DemoShopAuthenticationError):
                self.import_record("demo.shop.res.partner", customer["id"], force=True)
        self.backend.consumer_secret = self.shop_secret
        output = "\n".join(logs.output)
        self.assertIn("GET customers/", output)
        self.assertNotIn(self.shop_key, output)
        self.assertNotIn(self.shop_secret, output)
