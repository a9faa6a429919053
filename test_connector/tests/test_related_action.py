# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import UserError

from odoo.addons.component.tests.common import TransactionComponentCase
from odoo.addons.queue_job.job import Job


class TestRelatedActionBinding(TransactionComponentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = cls.env["test.backend"].create({"name": "Test Backend"})
        cls.record = cls.env["connector.test.record"].create({"name": "Wrapped"})

    def _job_on(self, binding):
        delayed = binding.with_delay().job_related_action_unwrap()
        return Job.load(self.env, delayed.uuid).db_record()

    def test_unwrap_binding(self):
        """The action of a job on a binding opens the record it wraps."""
        binding = self.env["connector.test.binding"].create(
            {"backend_id": self.backend.id, "odoo_id": self.record.id}
        )
        action = self._job_on(binding).open_related_action()
        self.assertEqual(
            action,
            {
                "name": "Related Record",
                "type": "ir.actions.act_window",
                "view_type": "form",
                "view_mode": "form",
                "res_model": "connector.test.record",
                "res_id": self.record.id,
            },
        )

    def test_unwrap_binding_direct_binding(self):
        """A binder that cannot unwrap makes the action open the binding itself."""
        binding = self.env["no.inherits.binding"].create(
            {"backend_id": self.backend.id, "external_id": 42}
        )
        action = self._job_on(binding).open_related_action()
        self.assertEqual(action["res_model"], "no.inherits.binding")
        self.assertEqual(action["res_id"], binding.id)

    def test_unwrap_binding_not_exists(self):
        """A deleted binding gives the user a clear message, no traceback."""
        binding = self.env["connector.test.binding"].create(
            {"backend_id": self.backend.id, "odoo_id": self.record.id}
        )
        job = self._job_on(binding)
        binding.unlink()
        with self.assertRaisesRegex(UserError, "No action available for this job"):
            job.open_related_action()

    def test_unwrap_several_bindings(self):
        """A job on several bindings has nothing single to open."""
        bindings = self.env["connector.test.binding"].create(
            [
                {"backend_id": self.backend.id, "odoo_id": self.record.id},
                {
                    "backend_id": self.backend.id,
                    "odoo_id": self.env["connector.test.record"].create({}).id,
                },
            ]
        )
        job = self._job_on(bindings)
        self.assertIsNone(job.related_action_unwrap_binding())

    def test_job_function_configuration(self):
        """The test job functions point their related action to the unwrapper."""
        config = self.env["queue.job.function"].job_config(
            "<connector.test.binding>.job_related_action_unwrap"
        )
        self.assertEqual(
            config.related_action_func_name, "related_action_unwrap_binding"
        )
