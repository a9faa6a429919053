# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models
from odoo.exceptions import UserError


class ExternalBinding(models.AbstractModel):
    """Base of the binding models, which link an Odoo record to an external one.

    A binding stores, per backend, the external id of an Odoo record. The usual
    shape delegates to the Odoo model with ``_inherits``, so the binding reads
    like the record it wraps, and guards its unicity with ``models.Constraint``::

        class ShopResPartner(models.Model):
            _name = "shop.res.partner"
            _inherit = "external.binding"
            _inherits = {"res.partner": "odoo_id"}
            _description = "Shop Partner"

            odoo_id = fields.Many2one(
                "res.partner", required=True, index=True, ondelete="restrict"
            )
            backend_id = fields.Many2one(
                "shop.backend", required=True, ondelete="restrict"
            )
            external_id = fields.Char(index=True)

            _shop_uniq = models.Constraint(
                "unique(backend_id, external_id)",
                "A partner with the same external ID already exists on this backend.",
            )

    The binder component (``base.binder``) reads and writes ``backend_id``,
    ``external_id``, ``odoo_id`` and ``sync_date``; its class attributes rename
    them when a connector uses other field names.
    """

    _name = "external.binding"
    _description = "External Binding (abstract)"

    sync_date = fields.Datetime(string="Last synchronization date")

    def action_resync(self):
        """Enqueue a fresh import of the bindings from their backend.

        The "Resync" button of a binding form; the binding model must have
        an ``import_record(backend, external_id, force=False)`` job method.
        """
        if not hasattr(self, "import_record"):
            raise UserError(
                self.env._(
                    "Bindings of %(model)s cannot be resynchronized: the model has no "
                    "import_record(backend, external_id) method. Add one that runs "
                    "the record importer.",
                    model=self._name,
                )
            )
        bindings = self.filtered("external_id")
        for binding in bindings:
            args, kwargs = binding._get_resync_args()
            binding.with_delay(
                description=binding._get_resync_description()
            ).import_record(*args, **kwargs)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "%(count)s import job(s) enqueued.", count=len(bindings)
                ),
            },
        }

    def _get_resync_description(self):
        """The name of the resync job in the Jobs list (None: queue_job's)."""
        return

    def _get_resync_args(self):
        """Return the ``(args, kwargs)`` of ``import_record`` for a resync."""
        self.ensure_one()
        return (self.backend_id, self.external_id), {"force": True}
