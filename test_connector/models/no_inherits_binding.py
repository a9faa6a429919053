# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class NoInheritsBinding(models.Model):
    """A binding that wraps no Odoo model: it is its own record."""

    _name = "no.inherits.binding"
    _inherit = ["external.binding"]
    _description = "Bindings without _inherits for testing purpose"

    backend_id = fields.Many2one(
        comodel_name="test.backend",
        required=True,
        ondelete="restrict",
    )
    external_id = fields.Integer(string="ID on Backend", index=True)

    _no_inherits_binding_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A binding already exists for this external ID on this backend. "
        "Bind the existing record instead of creating a second binding.",
    )

    def job_related_action_unwrap(self):
        return self
