# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.tests import TransactionCase, new_test_user


class CheckpointCase(TransactionCase):
    """Users and a record to review, shared by the checkpoint tests.

    The checkpoints point to core models only (a partner to review, the
    company as backend) so the connector tests need no other addon.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="connector_manager",
            groups="base.group_user,connector.group_connector_manager",
            name="Connector Manager User",
        )
        cls.user = new_test_user(
            cls.env, login="plain_user", groups="base.group_user", name="Plain User"
        )
        cls.partner = cls.env["res.partner"].create({"name": "Partner To Review"})
        cls.backend = cls.env.company

    @classmethod
    def _add(cls, record, backend=None):
        backend = backend or cls.backend
        return cls.env["connector.checkpoint"].create_from_name(
            record._name, record.id, backend._name, backend.id
        )
