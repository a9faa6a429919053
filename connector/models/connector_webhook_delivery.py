# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models


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
        ],
        required=True,
        default="received",
        index=True,
    )
    error = fields.Text(readonly=True)
    payload_size = fields.Integer(string="Payload Size (bytes)", readonly=True)
    job_uuid = fields.Char(string="Job UUID", readonly=True, index=True)

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
