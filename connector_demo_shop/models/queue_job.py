# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import models


class QueueJob(models.Model):
    _inherit = "queue.job"

    def related_action_demo_shop_record(self):
        """Open the Odoo record an import job created or updated.

        An import job runs on the binding *model* with the backend and the
        shop's id as arguments, so the connector's
        ``related_action_unwrap_binding`` has no record to open; this action
        finds the binding through the binder and opens the record it wraps.
        """
        self.ensure_one()
        backend, external_id = self.args[0], self.args[1]
        with backend.work_on(self.model_name) as work:
            binder = work.component(usage="binder")
            record = binder.to_internal(external_id, unwrap=True)
        if not record:
            return None
        return {
            "name": self.env._("Related Record"),
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": record._name,
            "res_id": record.id,
        }
