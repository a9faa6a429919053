# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import TransactionCase


class TestSecurityGroups(TransactionCase):
    def test_manager_group_privilege(self):
        """The manager group hangs on the Connector privilege and category."""
        group = self.env.ref("connector.group_connector_manager")
        privilege = self.env.ref("connector.res_groups_privilege_connector")
        self.assertEqual(group.privilege_id, privilege)
        self.assertEqual(
            privilege.category_id, self.env.ref("connector.module_category_connector")
        )

    def test_admin_and_root_are_managers(self):
        """The administrator and the superuser are connector managers."""
        group = self.env.ref("connector.group_connector_manager")
        self.assertIn(self.env.ref("base.user_admin"), group.user_ids)
        self.assertIn(
            self.env.ref("base.user_root"),
            group.with_context(active_test=False).user_ids,
        )

    def test_queue_job_manager_is_no_connector_manager(self):
        """Managing the job queue gives no access to the connectors' credentials
        (as in OCA, neither group implies the other)."""
        job_group = self.env.ref("queue_job.group_queue_job_manager")
        manager_group = self.env.ref("connector.group_connector_manager")
        self.assertNotIn(manager_group, job_group.all_implied_ids)
        self.assertNotIn(job_group, manager_group.all_implied_ids)
