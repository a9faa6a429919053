# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# ir.config_parameter: days a pending row is kept (default below)
RETENTION_PARAMETER = "connector.pending_binding_retention_days"
DEFAULT_RETENTION_DAYS = 30


class ConnectorPendingBinding(models.Model):
    """Remote creations whose binding is not committed yet.

    ``generic.exporter`` writes a row here, from its own short transaction,
    *before* asking the backend to create a record (``external_id`` empty:
    the outcome is unknown until the backend answers), then stores the
    external id as soon as the backend returns it. If the job fails
    afterwards, its transaction (and the ``bind``) is rolled back but this
    row stays:

    * with an external id, the retried export updates that remote record
      instead of creating it twice;
    * without one (the response was lost, the worker was killed during the
      call), the retry asks the exporter to look the record up on the
      remote (``_lookup_remote_after_unknown_outcome``) before creating it.

    The row is removed once the binding is committed; rows left by exports
    that never succeeded are purged by a daily cron after
    ``connector.pending_binding_retention_days`` days (default 30).

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
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        index=True,
        help="Company of the binding's backend: users see the pending ids of "
        "their companies only.",
    )
    external_id = fields.Json(
        string="External ID",
        readonly=True,
        help="Empty while the creation was sent and its outcome is unknown.",
    )

    _binding_uniq = models.Constraint(
        "unique(res_model, lookup_key)",
        "Only one pending external id per binding.",
    )

    # The methods below run in the exporter's short side transactions, once
    # or twice per remote creation: one SQL statement each, no ORM overhead.

    @api.model
    def _remember(self, binding, lookup_key, external_id):
        """Record the external id of ``binding`` (replacing an older one);
        ``None`` records a creation whose outcome is not known yet."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO connector_pending_binding
                    (res_model, res_id, lookup_key, external_id, company_id,
                     create_uid, write_uid, create_date, write_date)
                VALUES (%(model)s, %(res_id)s, %(key)s, %(external_id)s::jsonb,
                        %(company_id)s, %(uid)s, %(uid)s, %(now)s, %(now)s)
                ON CONFLICT (res_model, lookup_key) DO UPDATE
                   SET external_id = EXCLUDED.external_id,
                       res_id = EXCLUDED.res_id,
                       company_id = EXCLUDED.company_id,
                       write_uid = EXCLUDED.write_uid,
                       write_date = EXCLUDED.write_date
                """,
                model=binding._name,
                res_id=binding.id,
                key=lookup_key,
                external_id=None if external_id is None else json.dumps(external_id),
                company_id=self._get_binding_company(binding).id or None,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )

    @api.model
    def _get_binding_company(self, binding):
        """The company of the backend of ``binding`` (empty when it has none)."""
        backend = binding.sudo().backend_id if "backend_id" in binding._fields else None
        if backend and "company_id" in backend._fields:
            return backend.company_id
        return self.env["res.company"]

    @api.model
    def _recall_state(self, binding_model, lookup_key):
        """Return ``(found, external_id)`` for a binding: ``found`` is False
        without a row, ``external_id`` is None when the outcome of the
        creation is unknown."""
        self.env.cr.execute(
            SQL(
                "SELECT external_id FROM connector_pending_binding "
                "WHERE res_model = %s AND lookup_key = %s",
                binding_model,
                lookup_key,
            )
        )
        row = self.env.cr.fetchone()
        return (False, None) if row is None else (True, row[0])

    @api.model
    def _recall(self, binding_model, lookup_key):
        """Return the pending external id of a binding, or None."""
        return self._recall_state(binding_model, lookup_key)[1]

    @api.model
    def _forget(self, binding_model, lookup_key):
        """Remove the pending external id of a binding, if any."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM connector_pending_binding "
                "WHERE res_model = %s AND lookup_key = %s",
                binding_model,
                lookup_key,
            )
        )

    @api.model
    def _get_retention_days(self):
        """Days a pending row is kept (``connector.pending_binding_retention_days``)."""
        value = (
            self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAMETER, "")
        )
        try:
            days = int(value)
        except ValueError:
            days = DEFAULT_RETENTION_DAYS
        return days if days > 0 else DEFAULT_RETENTION_DAYS

    @api.model
    def _purge_stale(self):
        """Delete the rows untouched for the retention period (cron).

        Such a row belongs to an export that never succeeded in that time
        (its job failed for good or was cancelled): a later export of the
        binding starts afresh. Returns the number of rows deleted::

            env["connector.pending.binding"]._purge_stale()
        """
        limit = fields.Datetime.now() - timedelta(days=self._get_retention_days())
        stale = self.sudo().search([("write_date", "<", limit)])
        count = len(stale)
        if count:
            _logger.info("Purging %s stale pending remote creations", count)
            stale.unlink()
        return count
