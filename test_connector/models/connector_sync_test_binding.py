# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class ConnectorSyncTestBinding(models.Model):
    """A binding that gets locking, conflicts, retries and its job methods
    only from the framework: ``external.binding``, ``connector.binding.mixin``
    and the generic importers and exporter (``components/sync.py``)."""

    _name = "connector.sync.test.binding"
    _inherit = "connector.binding.mixin"
    _inherits = {"connector.test.record": "odoo_id"}
    _description = "Sync Test Record"
    _connector_conflict_policy = "hold"

    backend_id = fields.Many2one(
        comodel_name="test.backend", required=True, ondelete="restrict"
    )
    external_id = fields.Char(string="ID on Backend", index=True)
    odoo_id = fields.Many2one(
        comodel_name="connector.test.record",
        required=True,
        index=True,
        ondelete="cascade",
    )
    remote_date = fields.Datetime(string="Modified on the remote")
    remote_fingerprint = fields.Char(string="Remote version")

    _sync_test_binding_uniq = models.Constraint(
        "unique(backend_id, external_id)",
        "A binding already exists for this external ID on this backend.",
    )
