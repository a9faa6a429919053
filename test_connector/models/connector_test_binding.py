# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


class ConnectorTestBinding(models.Model):
    """A binding wrapping ``connector.test.record``, shaped like a real one."""

    _name = "connector.test.binding"
    _inherit = ["external.binding"]
    _inherits = {"connector.test.record": "odoo_id"}
    _description = "Bindings for testing purpose"

    backend_id = fields.Many2one(
        comodel_name="test.backend",
        required=True,
        ondelete="restrict",
    )
    external_id = fields.Char(string="ID on Backend", index=True)
    odoo_id = fields.Many2one(
        comodel_name="connector.test.record",
        string="Test Record",
        required=True,
        index=True,
        ondelete="restrict",
    )

    _test_binding_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A binding already exists for this external ID on this backend. "
        "Bind the existing record instead of creating a second binding.",
    )
    _test_binding_odoo_uniq = models.Constraint(
        "unique(backend_id, odoo_id)",
        "This record is already bound on this backend. "
        "Update its binding instead of creating a second one.",
    )

    def job_related_action_unwrap(self):
        return self

    @api.model
    def import_record(self, backend, external_id, force=False):
        """The job a webhook or a resync enqueues (the tests check it, never run it)."""
        return f"import {backend.id} {external_id} {force}"
