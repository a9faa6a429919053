# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import TransactionCase, new_test_user, tagged


# post_install: the visible menus depend on the models of every installed addon
@tagged("post_install", "-at_install")
class TestMenuVisibility(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="connector_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        cls.job_manager = new_test_user(
            cls.env,
            login="job_manager",
            groups="base.group_user,connector.group_connector_manager,"
            "queue_job.group_queue_job_manager",
        )
        cls.job_manager_only = new_test_user(
            cls.env,
            login="job_manager_only",
            groups="base.group_user,queue_job.group_queue_job_manager",
        )
        cls.user = new_test_user(cls.env, login="plain_user", groups="base.group_user")
        cls.root = cls.env.ref("connector.menu_connector_root")
        cls.checkpoints = cls.env.ref("connector.menu_checkpoint")
        cls.jobs = cls.env.ref("connector.menu_queue_job")

    def _visible(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_manager_sees_checkpoints(self):
        """A connector manager sees Connectors > Connectors > Checkpoints."""
        visible = self._visible(self.manager)
        self.assertIn(self.root.id, visible)
        self.assertIn(self.checkpoints.id, visible)
        roots = self.env["ir.ui.menu"].with_user(self.manager).get_user_roots()
        self.assertIn(self.root, roots)

    def test_plain_user_sees_nothing(self):
        """A plain internal user sees no Connectors menu at all."""
        visible = self._visible(self.user)
        self.assertNotIn(self.root.id, visible)
        self.assertNotIn(self.checkpoints.id, visible)
        roots = self.env["ir.ui.menu"].with_user(self.user).get_user_roots()
        self.assertNotIn(self.root, roots)

    def test_jobs_menu_for_job_managers(self):
        """The Jobs entry is shown to queue job managers, who can read jobs;
        it opens on the connector jobs grouped by state, not on an empty list
        of the jobs still to run."""
        self.assertIn(self.jobs.id, self._visible(self.job_manager))
        self.assertNotIn(self.jobs.id, self._visible(self.manager))
        self.assertEqual(
            self.jobs.action, self.env.ref("connector.action_connector_jobs")
        )
        context = self.jobs.action.context
        self.assertIn("'search_default_connector_jobs': 1", context)
        self.assertIn("'search_default_group_by_state': 1", context)
        self.assertNotIn("search_default_pending", context)
        # managing the job queue alone opens no Connectors menu
        self.assertNotIn(self.root.id, self._visible(self.job_manager_only))

    def test_root_menu_icon(self):
        """The Connectors app has the connector icon."""
        self.assertEqual(self.root.web_icon, "connector,static/description/icon.png")
        self.assertTrue(self.root.web_icon_data)
