# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# days a delivery is kept (ir.config_parameter of that name overrides it)
RETENTION_PARAM = "connector.webhook_delivery_retention_days"
DEFAULT_RETENTION_DAYS = 30


class ConnectorWebhookDelivery(models.Model):
    """One delivery received on a connector's webhook endpoint.

    Written by :class:`odoo.addons.connector.controllers.webhook.WebhookReceiver`:
    the log proves what arrived and when, and its unique key (backend,
    delivery id) drops the deliveries a remote system sends twice.
    """

    _name = "connector.webhook.delivery"
    _description = "Connector Webhook Delivery"
    _order = "received_at desc, id desc"
    _rec_name = "delivery_id"

    @api.model
    def _selection_backends(self):
        return self._get_backend_selection()

    backend_id = fields.Reference(
        selection="_selection_backends",
        required=True,
        index=True,
        readonly=True,
    )
    topic = fields.Char(
        readonly=True, index=True, help="Event announced by the remote system."
    )
    delivery_id = fields.Char(
        string="Delivery ID",
        required=True,
        readonly=True,
        help="Identifier of the delivery given by the remote system; a hash of "
        "the body when it gives none.",
    )
    received_at = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    state = fields.Selection(
        selection=[
            ("received", "Received"),
            ("queued", "Queued"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="received",
        index=True,
    )
    error = fields.Text(readonly=True)
    payload_size = fields.Integer(string="Payload Size (bytes)", readonly=True)
    job_uuid = fields.Char(string="Job UUID", readonly=True, index=True)
    body_digest = fields.Char(
        readonly=True,
        index=True,
        help="SHA-256 of the topic and the body: the same body sent again "
        "with the same topic within the backend's replay window is a "
        "duplicate, whatever its delivery id.",
    )
    record_key = fields.Char(
        readonly=True,
        index=True,
        help="Remote record the delivery is about, as the backend names it: "
        "bounds the jobs of one record within a window.",
    )
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        index=True,
        help="Company of the backend: users see the deliveries of their "
        "companies only.",
    )

    _backend_delivery_uniq = models.Constraint(
        "unique(backend_id, delivery_id)",
        "This delivery was already received from this backend.",
    )

    @api.model
    def _get_backend_selection(self):
        backend_names = self._get_backend_models()
        return [(name, self.env[name]._description) for name in sorted(backend_names)]

    @api.model
    def _get_backend_models(self):
        """Return the names of the concrete models inheriting ``connector.backend``."""
        registry = self.env.registry
        return {
            name
            for name in registry.descendants(["connector.backend"], "_inherit")
            if not registry[name]._abstract
        }

    def mark_done(self):
        """Mark the deliveries processed (done for you when their job is done)."""
        self.write({"state": "done", "error": False})

    def mark_failed(self, error):
        """Mark the deliveries failed with ``error`` (a message, never secrets);
        done for you when their job fails."""
        self.write({"state": "failed", "error": str(error)})

    @api.model
    def _get_backend_company(self, backend):
        """The company governing the records of ``backend`` (may be empty)."""
        if "company_id" in backend._fields:
            return backend.sudo().company_id
        return self.env["res.company"]

    @api.model
    def _get_retention_days(self):
        """Days a delivery is kept: the system parameter
        ``connector.webhook_delivery_retention_days``, 30 by default."""
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM) or ""
        try:
            days = int(value)
        except ValueError:
            if value:
                _logger.warning(
                    "System parameter %s is not a whole number of days (%r): "
                    "%s days used",
                    RETENTION_PARAM,
                    value,
                    DEFAULT_RETENTION_DAYS,
                )
            days = DEFAULT_RETENTION_DAYS
        return max(days, 1)

    @api.model
    def _purge_old_deliveries(self, batch_size=10000):
        """Delete the deliveries older than the retention (the daily cron)::

        env["connector.webhook.delivery"]._purge_old_deliveries()
        """
        since = fields.Datetime.now() - timedelta(days=self._get_retention_days())
        old = self.sudo().search(
            [("received_at", "<", since)], limit=batch_size, order="id"
        )
        count = len(old)
        old.unlink()
        if count:
            _logger.info("%s webhook deliveries older than %s purged", count, since)
        return count
