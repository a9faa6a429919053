# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class DemoShopBinding(models.AbstractModel):
    """Fields and job entry points shared by every demo shop binding.

    A concrete binding ``_inherit``s this model and ``_inherits`` the Odoo
    model it wraps; the jobs below are then available on it, and a
    ``queue.job.function`` record gives each of them its channel and related
    action (``data/queue_job_data.xml``)::

        env["demo.shop.res.partner"].with_delay().import_record(backend, "12")
        binding.with_delay().export_record(fields=["email"])

    Jobs receive the backend *record*: the credentials stay on it and never
    reach the job's arguments.
    """

    _name = "demo.shop.binding"
    _inherit = "external.binding"
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

    @api.model
    def import_batch(self, backend, filters=None):
        """Job: list the shop's records to import and enqueue one job each."""
        backend = self._job_backend(backend)
        with backend.work_on(self._name) as work:
            importer = work.component(usage="batch.importer")
            return importer.run(filters=filters)

    @api.model
    def import_record(self, backend, external_id, force=False):
        """Job: import (create or update) one record of the shop."""
        backend = self._job_backend(backend)
        with backend.work_on(self._name) as work:
            importer = work.component(usage="record.importer")
            return importer.run(external_id, force=force)

    def export_record(self, fields=None):
        """Job: send this binding's changes (``fields``, or all) to the shop."""
        self.ensure_one()
        with self._job_backend(self.backend_id).work_on(self._name) as work:
            exporter = work.component(usage="record.exporter")
            return exporter.run(self, fields=fields)

    def _job_backend(self, backend):
        """The backend in this job's environment.

        queue_job puts the running job's uuid in the context of the job's
        recordset only; the components work in the backend's environment, and
        the retry policy looks there for the job (its tries so far).
        """
        return backend.with_env(self.env)

    @api.model
    def export_delete_record(self, backend, external_id):
        """Job: delete a record in the shop (its binding is already gone)."""
        backend = self._job_backend(backend)
        with backend.work_on(self._name) as work:
            deleter = work.component(usage="record.exporter.deleter")
            return deleter.run(external_id)
