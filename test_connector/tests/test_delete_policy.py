# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""connector.backend's remote_delete_policy in the framework's delete path."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from ..components.sync import SYNC_REMOTE

MODEL = "connector.sync.test.binding"


@tagged("post_install", "-at_install")
class TestDeletePolicy(TransactionCase):
    def setUp(self):
        super().setUp()
        SYNC_REMOTE.reset()
        self.addCleanup(SYNC_REMOTE.reset)
        self.backend = self.env["test.backend"].create({"name": "Sync Remote"})
        self.model = self.env[MODEL]
        SYNC_REMOTE.put(7, "Seven")

    def test_default_keeps_the_remote_record(self):
        """Without a choice the backend only unbinds: the job deletes nothing."""
        self.assertEqual(self.backend.remote_delete_policy, "unbind")
        message = self.model.export_delete_record(self.backend, "7")
        self.assertIn("kept", message)
        self.assertIn(7, SYNC_REMOTE.records)

    def test_archive_without_support_keeps_the_remote_record(self):
        """A remote that cannot archive keeps the record under "archive"."""
        self.backend.remote_delete_policy = "archive"
        message = self.model.export_delete_record(self.backend, "7")
        self.assertIn("cannot be archived", message)
        self.assertIn(7, SYNC_REMOTE.records)

    def test_delete(self):
        """Under "delete" the remote record is deleted."""
        self.backend.remote_delete_policy = "delete"
        self.model.export_delete_record(self.backend, "7")
        self.assertNotIn(7, SYNC_REMOTE.records)

    def test_only_connector_managers_run_the_job(self):
        """An internal user cannot run the delete job (e.g. over RPC)."""
        self.backend.remote_delete_policy = "delete"
        user = self.env["res.users"].create(
            {
                "name": "Internal",
                "login": "internal-delete",
                "group_ids": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaisesRegex(AccessError, "only a Connector Manager"):
            self.model.with_user(user).export_delete_record(self.backend, "7")
        self.assertIn(7, SYNC_REMOTE.records)
