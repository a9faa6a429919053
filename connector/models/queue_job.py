# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models

from .connector_backend import ConnectorBackend

# state of a job -> state of the webhook deliveries it processes
DELIVERY_STATES = {
    "done": "done",
    "failed": "failed",
    "pending": "queued",
    "cancelled": "cancelled",
}


class QueueJob(models.Model):
    _inherit = "queue.job"

    # "model,id" of the backend a job works for, set when the job is created:
    # a job on a backend, on bindings of one backend, or with a backend argument
    connector_backend_ref = fields.Char(
        string="Connector Backend Reference", readonly=True, index=True
    )
    # its label when the job was enqueued, readable in lists and graphs
    connector_backend_name = fields.Char(string="Connector Backend", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "connector_backend_ref" in vals:
                continue
            backend = self._get_connector_backend(
                vals.get("records"), vals.get("args") or ()
            )
            if backend:
                vals["connector_backend_ref"] = f"{backend._name},{backend.id}"
                vals["connector_backend_name"] = backend._get_job_backend_name()
                # the backend's company governs its jobs (queue_job's
                # company rule): not the company of whoever enqueued them
                company = self._get_connector_backend_company(backend)
                if company:
                    vals["company_id"] = company.id
        return super().create(vals_list)

    @api.model
    def _get_connector_backend_company(self, backend):
        """The company of ``backend`` (empty when it has none)."""
        if "company_id" in backend._fields:
            return backend.sudo().company_id
        return self.env["res.company"]

    @api.model
    def _get_connector_backend(self, records, args):
        """The one backend a new job works for, or None: the job's records
        (a backend, or bindings of one backend), else a backend argument."""
        backend = None
        field = getattr(records, "_fields", {}).get("backend_id")
        if isinstance(records, ConnectorBackend):
            backend = records
        elif (
            field
            and field.comodel_name
            and isinstance(records.env[field.comodel_name], ConnectorBackend)
        ):
            backend = records.sudo().backend_id
        if not backend:
            backend = next(
                (arg for arg in args if isinstance(arg, ConnectorBackend)), None
            )
        return backend if backend is not None and len(backend) == 1 else None

    def write(self, vals):
        result = super().write(vals)
        delivery_state = DELIVERY_STATES.get(vals.get("state"))
        if delivery_state:
            # only connector jobs can process webhook deliveries
            self.filtered("connector_backend_ref")._sync_webhook_deliveries(
                delivery_state
            )
        return result

    def _sync_webhook_deliveries(self, delivery_state):
        """Make the webhook deliveries processed by these jobs follow them.

        ``WebhookReceiver`` stores the job's uuid on the delivery: a job done
        marks it done, a failed job marks it failed with the job's error, a
        cancelled job marks it cancelled, a requeued job marks it queued again.
        """
        if not self:
            return
        deliveries = (
            self.env["connector.webhook.delivery"]
            .sudo()
            .search(
                [
                    ("job_uuid", "in", self.mapped("uuid")),
                    ("state", "in", ("queued", "done", "failed", "cancelled")),
                    ("state", "!=", delivery_state),
                ]
            )
        )
        if not deliveries:
            return
        errors = {
            job.uuid: job.exc_message or job.exc_name or self.env._("The job failed.")
            for job in self
        }
        for delivery in deliveries:
            if delivery_state == "done":
                delivery.mark_done()
            elif delivery_state == "failed":
                delivery.mark_failed(errors.get(delivery.job_uuid))
            elif delivery_state == "cancelled":
                delivery.write(
                    {
                        "state": "cancelled",
                        "error": self.env._("The job was cancelled."),
                    }
                )
            else:
                delivery.write({"state": "queued", "error": False})

    def related_action_unwrap_binding(self, component_usage="binder"):
        """Open the Odoo record wrapped by the binding a job works on.

        A job on a binding (``shop.res.partner``) is more useful to a user when
        its *Related* button opens the partner itself. Enable it on the job
        function of the binding's method::

            <record id="job_function_shop_partner_import" model="queue.job.function">
                <field name="model_id" ref="model_shop_res_partner"/>
                <field name="method">import_record</field>
                <field name="related_action"
                       eval='{"func_name": "related_action_unwrap_binding"}'/>
            </record>

        The binder (``component_usage``) tells which model and record are
        wrapped. A binder that cannot unwrap (it raises ``ValueError``) makes
        the action open the binding itself. When the binding no longer exists,
        or the job works on several, there is nothing to open and ``None`` is
        returned: queue_job then tells the user that no action is available.
        """
        self.ensure_one()
        binding = self.env[self.model_name].browse(self.records.ids).exists()
        if len(binding) != 1:
            return None
        action = {
            "name": self.env._("Related Record"),
            "type": "ir.actions.act_window",
            "view_type": "form",
            "view_mode": "form",
        }
        with binding.backend_id.work_on(binding._name) as work:
            binder = work.component(usage=component_usage)
            try:
                model_name = binder.unwrap_model()
                record = binder.unwrap_binding(binding)
            except ValueError:
                # the binding wraps nothing (no ``_inherits``): show it as is
                model_name = binding._name
                record = binding
        action.update({"res_model": model_name, "res_id": record.id})
        return action
