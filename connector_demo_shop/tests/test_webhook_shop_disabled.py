# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A webhook the shop disabled shows on Sync Health and turns polling on."""

from .common import DemoShopCase

POLLING_CRONS = (
    "connector_demo_shop.ir_cron_import_customers",
    "connector_demo_shop.ir_cron_import_products",
    "connector_demo_shop.ir_cron_import_orders",
)


class TestWebhookShopDisabled(DemoShopCase):
    def _hooks(self):
        return [
            hook
            for hook in self.shop_get("/webhooks", per_page=100, status="all")
            if hook["delivery_url"] == self.backend.webhook_url
        ]

    def _crons(self):
        return [self.env.ref(xmlid) for xmlid in POLLING_CRONS]

    def test_all_active_nothing_changes(self):
        self.backend.action_register_webhooks()
        self.assertFalse(self.backend._check_shop_webhooks())
        self.assertFalse(self.backend.webhook_problem)
        self.assertEqual([cron.active for cron in self._crons()], [False] * 3)

    def test_disabled_webhook_noticed(self):
        self.backend.action_register_webhooks()
        hook = next(h for h in self._hooks() if h["topic"] == "order.updated")
        self.shop_put(f"/webhooks/{hook['id']}", {"status": "disabled"})
        with self.assertLogs(
            "odoo.addons.connector_demo_shop.models.demo_shop_backend_webhook",
            "WARNING",
        ):
            self.env["demo.shop.backend"]._scheduler_check_webhooks()
        self.assertEqual(self.backend.webhook_problem, "order.updated: disabled")
        self.assertEqual([cron.active for cron in self._crons()], [True] * 3)
        self.backend.invalidate_recordset(["health_summary"])
        self.assertIn("order.updated: disabled", self.backend.health_summary)
        # registering again activates it and clears the warning
        self.backend.action_register_webhooks()
        self.assertFalse(self.backend.webhook_problem)
        self.backend.invalidate_recordset(["health_summary"])
        self.assertNotIn("stopped delivering", self.backend.health_summary)
