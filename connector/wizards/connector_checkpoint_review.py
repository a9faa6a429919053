# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


class ConnectorCheckpointReview(models.TransientModel):
    """Mark several checkpoints as reviewed at once."""

    _name = "connector.checkpoint.review"
    _description = "Checkpoints Review"

    @api.model
    def _default_checkpoint_ids(self):
        # opened from the list or the form of the checkpoints: review the selection
        if self.env.context.get("active_model") != "connector.checkpoint":
            return self.env["connector.checkpoint"]
        checkpoints = self.env["connector.checkpoint"].browse(
            self.env.context.get("active_ids") or []
        )
        return checkpoints.filtered(lambda c: c.state == "need_review")

    checkpoint_ids = fields.Many2many(
        comodel_name="connector.checkpoint",
        relation="connector_checkpoint_review_rel",
        column1="review_id",
        column2="checkpoint_id",
        string="Checkpoints",
        domain=[("state", "=", "need_review")],
        default=lambda self: self._default_checkpoint_ids(),
    )

    def review(self):
        """Mark the selected checkpoints as reviewed and close the wizard."""
        self.ensure_one()
        self.checkpoint_ids.reviewed()
        return {"type": "ir.actions.act_window_close"}
