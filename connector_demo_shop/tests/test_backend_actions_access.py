# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase

BACKEND_ACTIONS = (
    "action_import_all",
    "action_import_customers",
    "action_import_products",
    "action_import_orders",
    "action_check_connection",
)


class TestBackendActionsAccess(DemoShopCase):
    reset_shop_each_test = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(
            cls.env, login="demo_shop_internal", groups="base.group_user"
        )
        cls.portal = new_test_user(
            cls.env, login="demo_shop_portal", groups="base.group_portal"
        )
        cls.manager = new_test_user(
            cls.env,
            login="demo_shop_actions_manager",
            groups="base.group_user,connector.group_connector_manager",
        )

    def _assert_refused(self, user):
        for action in BACKEND_ACTIONS:
            with self.subTest(user=user.login, action=action):
                # the credentials in the cache, as a previous sudo() read leaves them
                self.backend.sudo()._has_credentials()
                backend = self.backend.with_user(user)
                with (
                    trap_jobs() as trap,
                    self.assertRaisesRegex(AccessError, "connector managers"),
                ):
                    getattr(backend, action)()
                self.assertEqual(trap.enqueued_jobs, [])

    def test_internal_user_cannot_call_backend_actions(self):
        """An internal user's buttons are all refused and enqueue nothing."""
        self._assert_refused(self.internal)

    def test_portal_user_cannot_call_backend_actions(self):
        """A portal user's buttons are all refused and enqueue nothing."""
        self._assert_refused(self.portal)

    def test_manager_can_call_backend_actions(self):
        """A connector manager's import button enqueues the batch jobs."""
        with trap_jobs() as trap:
            self.backend.with_user(self.manager).action_import_all()
        self.assertEqual(len(trap.enqueued_jobs), 3)
