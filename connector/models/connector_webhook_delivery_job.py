# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class ConnectorWebhookDeliveryJob(models.Model):
    """A link from a webhook delivery to the job it queued."""

    _inherit = "connector.webhook.delivery"

    job_id = fields.Many2one(
        comodel_name="queue.job",
        compute="_compute_job_id",
        groups="queue_job.group_queue_job_manager",
        help="The job that processes this delivery.",
    )

    def _compute_job_id(self):
        uuids = [uuid for uuid in self.mapped("job_uuid") if uuid]
        jobs = self.env["queue.job"].sudo().search([("uuid", "in", uuids)])
        by_uuid = {job.uuid: job.id for job in jobs}
        for delivery in self:
            delivery.job_id = by_uuid.get(delivery.job_uuid, False)
