# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import DemoShopCase

TOPICS = {
    f"{resource}.{event}"
    for resource in ("customer", "product", "order")
    for event in ("created", "updated", "deleted")
}


class TestWebhookRegister(DemoShopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_hook_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        cls.internal = new_test_user(
            cls.env, login="demo_shop_hook_internal", groups="base.group_user"
        )

    def _hooks(self):
        return [
            hook
            for hook in self.shop_get("/webhooks", per_page=100, status="all")
            if hook["delivery_url"] == self.backend.webhook_url
        ]

    def test_register_all_topics(self):
        """The button registers the 9 topics to the backend's URL with a new secret."""
        self.assertFalse(self.backend.webhook_secret)
        with self.assertLogs("odoo", "DEBUG") as logs:
            action = self.backend.with_user(self.manager).action_register_webhooks()
        self.assertIn("9 registered", action["params"]["message"])
        hooks = self._hooks()
        self.assertEqual({hook["topic"] for hook in hooks}, TOPICS)
        self.assertEqual(len(hooks), 9)
        self.assertEqual({hook["status"] for hook in hooks}, {"active"})
        secret = self.backend.webhook_secret
        self.assertGreaterEqual(len(secret or ""), 32)
        self.assertNotIn(secret, "\n".join(logs.output))

    def test_second_call_adds_nothing(self):
        """Pressing the button again keeps the 9 webhooks and the secret."""
        self.backend.action_register_webhooks()
        secret = self.backend.webhook_secret
        action = self.backend.action_register_webhooks()
        self.assertIn("0 registered", action["params"]["message"])
        self.assertEqual(len(self._hooks()), 9)
        self.assertEqual(self.backend.webhook_secret, secret)

    def test_disabled_webhook_activated_again(self):
        """A webhook the shop disabled is activated again, not duplicated."""
        self.backend.action_register_webhooks()
        hook = self._hooks()[0]
        self.shop_put(f"/webhooks/{hook['id']}", {"status": "disabled"})
        action = self.backend.action_register_webhooks()
        self.assertIn("1 re-activated", action["params"]["message"])
        hooks = self._hooks()
        self.assertEqual(len(hooks), 9)
        self.assertEqual({hook["status"] for hook in hooks}, {"active"})

    def test_non_manager_refused(self):
        """An internal user gets AccessError and nothing is registered."""
        with self.assertRaises(AccessError):
            self.backend.with_user(self.internal).action_register_webhooks()
        self.assertFalse(self._hooks())
        self.assertFalse(self.backend.webhook_secret)
