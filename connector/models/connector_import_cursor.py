# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import json

import psycopg2
from psycopg2 import errorcodes

from odoo import api, fields, models

from ..exception import RetryableJobError


class ConnectorImportCursor(models.Model):
    """Where the batch import of one model of one backend stands.

    ``generic.batch.importer`` keeps here the watermark (the newest remote
    modification date of the last complete scan) and the progress of the
    scan running now, written in the transaction of the job that read the
    pages: a killed worker rolls back its own pages only, and the requeued
    job resumes from the last committed ones::

        cursor = env["connector.import.cursor"]._get_for(backend, model_name)
        cursor.watermark  # the next scan lists what changed after it
    """

    _name = "connector.import.cursor"
    _description = "Connector Import Cursor"

    backend_ref = fields.Char(string="Backend", required=True, readonly=True)
    model_name = fields.Char(string="Binding Model", required=True, readonly=True)
    watermark = fields.Datetime(readonly=True)
    scan_running = fields.Boolean(readonly=True)
    scan_since = fields.Datetime(readonly=True)
    scan_offset = fields.Integer(readonly=True)
    scan_last_key = fields.Char(readonly=True)
    scan_newest = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        index=True,
        help="Company of the backend: users see the import cursors of their "
        "companies only.",
    )

    _backend_model_uniq = models.Constraint(
        "unique(backend_ref, model_name)",
        "One import cursor per backend and binding model.",
    )

    @api.model
    def _get_for(self, backend, model_name):
        """The cursor of ``backend`` for ``model_name``, created when missing."""
        ref = f"{backend._name},{backend.id}"
        domain = [("backend_ref", "=", ref), ("model_name", "=", model_name)]
        company = self._get_backend_company(backend)
        cursor = self.sudo().search(domain, limit=1)
        if cursor:
            if cursor.company_id != company:
                cursor.company_id = company
            return cursor
        try:
            with self.env.cr.savepoint():
                return self.sudo().create(
                    {
                        "backend_ref": ref,
                        "model_name": model_name,
                        "company_id": company.id,
                    }
                )
        except psycopg2.IntegrityError as err:
            if err.pgcode != errorcodes.UNIQUE_VIOLATION:
                raise
            raise RetryableJobError(
                f"Import cursor of {model_name} on {ref} created by a concurrent "
                "job: retried later."
            ) from err

    @api.model
    def _get_backend_company(self, backend):
        """The company of ``backend`` (empty when it has no company field)."""
        if "company_id" in backend._fields:
            return backend.sudo().company_id
        return self.env["res.company"]

    def _lock_scan(self):
        """Lock this cursor for the running transaction, or raise
        :class:`RetryableJobError` when another scan holds it.

        Two scans of one backend and model would both write the saved
        position: the second gives way at once, before calling the remote,
        and its job is retried once the first one's transaction ended.
        """
        self.ensure_one()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM connector_import_cursor"
                    " WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                    (self.id,),
                    # a scan holding the lock is expected, not an error
                    log_exceptions=False,
                )
        except (
            psycopg2.errors.LockNotAvailable,
            psycopg2.errors.SerializationFailure,
        ) as err:
            raise RetryableJobError(
                f"Another import of {self.model_name} from {self.backend_ref} is "
                "scanning the remote listing now: this scan is retried once that "
                "one's job has finished.",
                seconds=10,
            ) from err

    def _get_scan_state(self, watermark):
        """The running scan's progress, or a new scan starting at ``watermark``."""
        self.ensure_one()
        if not self.scan_running:
            return {"since": watermark, "offset": 0, "last_key": None, "newest": None}
        return {
            "since": self.scan_since or None,
            "offset": self.scan_offset,
            "last_key": json.loads(self.scan_last_key or "null"),
            "newest": self.scan_newest or None,
        }

    def _save_scan_state(self, state):
        """Keep ``state`` for the next job of the scan; ``None`` ends the scan."""
        self.ensure_one()
        state = state or {}
        self.sudo().write(
            {
                "scan_running": bool(state),
                "scan_since": state.get("since") or False,
                "scan_offset": state.get("offset") or 0,
                "scan_last_key": json.dumps(state.get("last_key")) if state else False,
                "scan_newest": state.get("newest") or False,
            }
        )
