# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


class ConnectorPendingBinding(models.Model):
    """External ids created remotely whose binding is not committed yet.

    ``generic.exporter`` writes a row here, from its own short transaction,
    as soon as the backend returns the id of a record it created. If the job
    fails afterwards, its transaction (and the ``bind``) is rolled back but
    this row stays, and the retried export updates the remote record instead
    of creating it twice. The row is removed once the binding is committed.

    Rows are keyed by a ``lookup_key`` describing the binding (its backend
    and wrapped record when it has them) rather than by its id alone: a
    binding created in the failed transaction gets a new id when recreated.
    """

    _name = "connector.pending.binding"
    _description = "Connector Pending Binding"

    res_model = fields.Char(string="Binding Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Binding ID", model_field="res_model", required=True, readonly=True
    )
    lookup_key = fields.Char(required=True, readonly=True)
    external_id = fields.Json(string="External ID", required=True, readonly=True)

    _binding_uniq = models.Constraint(
        "unique(res_model, lookup_key)",
        "Only one pending external id per binding.",
    )

    @api.model
    def _remember(self, binding, lookup_key, external_id):
        """Record the external id of ``binding`` (replacing an older one)."""
        pending = self.search(
            [("res_model", "=", binding._name), ("lookup_key", "=", lookup_key)]
        )
        if pending:
            pending.write({"external_id": external_id, "res_id": binding.id})
            return pending
        return self.create(
            {
                "res_model": binding._name,
                "res_id": binding.id,
                "lookup_key": lookup_key,
                "external_id": external_id,
            }
        )

    @api.model
    def _recall(self, binding_model, lookup_key):
        """Return the pending external id of a binding, or None."""
        pending = self.search(
            [("res_model", "=", binding_model), ("lookup_key", "=", lookup_key)]
        )
        return pending.external_id if pending else None

    @api.model
    def _forget(self, binding_model, lookup_key):
        """Remove the pending external id of a binding, if any."""
        self.search(
            [("res_model", "=", binding_model), ("lookup_key", "=", lookup_key)]
        ).unlink()
