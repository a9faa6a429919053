# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class DemoShopBinding(models.AbstractModel):
    """Fields shared by every demo shop binding; the jobs come from
    ``connector.binding.mixin``.

    A concrete binding ``_inherit``s this model and ``_inherits`` the Odoo
    model it wraps; a ``queue.job.function`` record gives each job its
    channel and related action (``data/queue_job_data.xml``)::

        env["demo.shop.res.partner"].with_delay().import_record(backend, "12")
        binding.with_delay().export_record(fields=["email"])

    Jobs receive the backend *record*: the credentials stay on it and never
    reach the job's arguments.
    """

    _name = "demo.shop.binding"
    _inherit = "connector.binding.mixin"
    _description = "Demo Shop Binding (abstract)"

    # meant to be overridden: what a synchronization does with a record
    # changed on both sides since its sync_date (remote_wins, odoo_wins or
    # hold), unless the backend sets a policy for the model
    # (demo.shop.conflict.resolver)
    _connector_conflict_policy = "remote_wins"

    backend_id = fields.Many2one(
        "demo.shop.backend", string="Demo Shop", required=True, ondelete="restrict"
    )
    # Char: the shop's ids are integers, but a Char keeps "no id yet" (False)
    # apart from a valid id and is what the binder compares with
    external_id = fields.Char(string="ID in the shop", index=True, copy=False)
    shop_date_modified = fields.Datetime(
        string="Modified in the shop",
        readonly=True,
        copy=False,
        help="date_modified_gmt of the shop record at the last import.",
    )
    # the shop's dates are to the second: a second change within the second
    # of an import has its date, and another fingerprint
    shop_fingerprint = fields.Char(
        string="Shop version",
        readonly=True,
        copy=False,
        help="Fingerprint of the shop record as last imported or exported.",
    )
