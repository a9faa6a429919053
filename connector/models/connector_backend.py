# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models

from ..retry import DEFAULT_RETRY_AFTER_CAP


class ConnectorBackend(models.AbstractModel):
    """Base of every backend: the collection a connector's components belong to.

    A connector declares its backend as a concrete model inheriting this one.
    Its ``_name`` becomes the ``_collection`` of the connector's components,
    and ``work_on()`` (from ``collection.base``) opens a work context on it::

        class ShopBackend(models.Model):
            _name = "shop.backend"
            _inherit = "connector.backend"
            _description = "Shop Backend"

        with backend.work_on("shop.res.partner") as work:
            importer = work.component(usage="record.importer")
            importer.run(external_id)
    """

    _name = "connector.backend"
    _inherit = ["collection.base"]
    _description = "Connector Backend"

    retry_after_cap = fields.Integer(
        string="Longest Retry-After (s)",
        default=DEFAULT_RETRY_AFTER_CAP,
        help="A remote system asking to retry later (Retry-After) is obeyed up "
        "to this many seconds; beyond, its jobs retry after this delay.",
    )

    _retry_after_cap_positive = models.Constraint(
        "CHECK(retry_after_cap IS NULL OR retry_after_cap > 0)",
        "The longest Retry-After must be at least one second.",
    )

    def _webhook_secret(self):
        """Return the secret that signs this backend's webhooks (None: refuse all).

        Override it on a backend that receives webhooks
        (:class:`odoo.addons.connector.controllers.webhook.WebhookReceiver`)::

            def _webhook_secret(self):
                return self.webhook_secret
        """
        return

    def _webhook_enabled(self):
        """Whether this backend accepts webhooks now (False: answered 410).

        An archived backend never does. Override it when webhooks can be
        switched off on the backend::

            def _webhook_enabled(self):
                return self.webhook_active
        """
        return True

    def _webhook_replay_window(self):
        """Seconds during which a second delivery of the same topic and body
        is a duplicate (one hour by default).

        Only the body is signed: a captured delivery sent again with a new
        delivery id is recognised by the digest of its topic and body.
        """
        return 3600

    def _webhook_record_key(self, topic, payload):
        """Name the remote record a delivery is about (None: not bounded).

        Deliveries of one record are bounded by
        :meth:`_webhook_record_limit`::

            def _webhook_record_key(self, topic, payload):
                return f"{topic.partition('.')[0]}:{payload.get('id')}"
        """
        return

    def _webhook_record_limit(self):
        """``(count, seconds)``: jobs allowed per record (see
        :meth:`_webhook_record_key`) within a sliding window."""
        return 20, 600

    def _webhook_user(self):
        """Return the user whose jobs process the webhooks (default: superuser)."""
        return self.env.ref("base.user_root")

    def _webhook_enqueue(self, delivery, payload):
        """Enqueue the work of a verified webhook delivery; return the job.

        Runs in the HTTP request: enqueue, never import here::

            def _webhook_enqueue(self, delivery, payload):
                return self.env["shop.res.partner"].with_delay().import_record(
                    self, str(payload["id"])
                )
        """
        raise NotImplementedError(
            f"Backend model {self._name} receives webhooks but does not say what "
            "to do with them: override _webhook_enqueue(delivery, payload)."
        )

    def _get_job_backend_name(self):
        """Label of this backend on its jobs (the Sync Health screens)."""
        self.ensure_one()
        backend = self.sudo()
        return f"{backend._description}: {backend.display_name}"
