# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


class ConnectorPendingBinding(models.Model):
    """Pending external ids belong to the company of their binding's backend."""

    _inherit = "connector.pending.binding"

    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        index=True,
        help="Company of the binding's backend: users see the pending ids of "
        "their companies only.",
    )

    @api.model
    def _remember(self, binding, lookup_key, external_id):
        pending = super()._remember(binding, lookup_key, external_id)
        company = self._get_binding_company(binding)
        if company and pending.company_id != company:
            pending.company_id = company
        return pending

    @api.model
    def _get_binding_company(self, binding):
        """The company of the backend of ``binding`` (empty when it has none)."""
        backend = binding.sudo().backend_id if "backend_id" in binding._fields else None
        if backend and "company_id" in backend._fields:
            return backend.company_id
        return self.env["res.company"]
