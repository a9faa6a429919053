# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, models


class ConnectorBindingMixin(models.AbstractModel):
    """The job methods of a binding model, ready to enqueue.

    A binding model inherits it (it is an ``external.binding``); its
    components (``batch.importer``, ``record.importer``,
    ``record.exporter``, ``record.exporter.deleter``) do the work::

        class DemoShopResPartner(models.Model):
            _name = "demo.shop.res.partner"
            _inherit = "connector.binding.mixin"
            _inherits = {"res.partner": "odoo_id"}

        env["demo.shop.res.partner"].with_delay().import_record(backend, "42")
        binding._delay_export_record(fields=["email"])

    Every job opens its work context on the backend *in the job's
    environment* (:meth:`_job_backend`): queue_job puts the running job's
    uuid in the context of the job's recordset only, and the retry policy of
    the components looks for the job (its tries so far) there. Jobs receive
    the backend record, never its credentials.
    """

    _name = "connector.binding.mixin"
    _inherit = "external.binding"
    _description = "Connector Binding Jobs (abstract)"

    # meant to be overridden: usages of the components the jobs run
    _batch_importer_usage = "batch.importer"
    _record_importer_usage = "record.importer"
    _record_exporter_usage = "record.exporter"
    _deleter_usage = "record.exporter.deleter"
    # meant to be overridden: records per import job of a batch import, when
    # the backend does not say (1: one import_record job per record)
    _import_chunk_size = 1

    @api.model
    def import_batch(self, backend, filters=None):
        """Job: list the remote records to import and enqueue their import."""
        with self._job_backend(backend).work_on(self._name) as work:
            importer = work.component(usage=self._batch_importer_usage)
            return importer.run(filters=filters)

    @api.model
    def import_record(self, backend, external_id, force=False):
        """Job: import (create or update) one remote record."""
        with self._job_backend(backend).work_on(self._name) as work:
            importer = work.component(usage=self._record_importer_usage)
            return importer.run(external_id, force=force)

    @api.model
    def import_chunk(self, backend, external_ids, force=False):
        """Job: import several remote records, read together, each in its own
        savepoint; a failing one leaves for an ``import_record`` job of its
        own (``generic.batch.importer.run_chunk``). The batch import enqueues
        it when the backend's chunk size for this model is above 1::

            env["demo.shop.sale.order"].with_delay().import_chunk(
                backend, ["12", "13", "15"]
            )
        """
        with self._job_backend(backend).work_on(self._name) as work:
            importer = work.component(usage=self._batch_importer_usage)
            return importer.run_chunk(external_ids, force=force)

    def export_record(self, fields=None):
        """Job: send this binding's changes (``fields``, or all) to the remote."""
        self.ensure_one()
        with self._job_backend(self.backend_id).work_on(self._name) as work:
            exporter = work.component(usage=self._record_exporter_usage)
            return exporter.run(self, fields=fields)

    @api.model
    def export_delete_record(self, backend, external_id):
        """Job: apply the backend's ``remote_delete_policy`` (keep, archive or
        delete) to a remote record whose binding is already gone. Only a
        connector manager (or the superuser) may run it: AccessError otherwise."""
        backend = self._job_backend(backend)
        backend._check_may_delete_remotely()
        with backend.work_on(self._name) as work:
            deleter = work.component(usage=self._deleter_usage)
            return deleter.run(external_id)

    def _job_backend(self, backend):
        """``backend`` in this job's environment (see the class docstring)."""
        return backend.with_env(self.env)

    # enqueueing with a description a person understands ----------------------

    @api.model
    def _get_job_description(self, method, backend, external_id=None, record=None):
        """The name of a job in the Jobs list, e.g. "Import Demo Shop
        Customer 42 from Demo Shop" or "Export Azure Interior to Demo Shop"."""
        if isinstance(external_id, list | tuple):
            external_id = self._get_chunk_label(external_id)
        values = {
            "model": self._description,
            "id": external_id,
            "backend": backend.display_name,
            "record": record.display_name if record else "",
        }
        texts = {
            "import_batch": self.env._("Import %(model)s from %(backend)s", **values),
            "import_record": self.env._(
                "Import %(model)s %(id)s from %(backend)s", **values
            ),
            "import_chunk": self.env._(
                "Import %(model)s %(id)s from %(backend)s", **values
            ),
            "export_record": self.env._("Export %(record)s to %(backend)s", **values),
            "export_delete_record": self.env._(
                "Delete %(model)s %(id)s on %(backend)s", **values
            ),
        }
        return texts.get(method)

    @api.model
    def _get_chunk_label(self, external_ids):
        """ "12, 13 ... 98 (50 records)": the ids of a chunk, shortly."""
        shown = ", ".join(str(external_id) for external_id in external_ids[:2])
        if len(external_ids) > 3:
            shown += " ..."
        if len(external_ids) > 2:
            shown += f", {external_ids[-1]}"
        return self.env._(
            "%(ids)s (%(count)s records)", ids=shown, count=len(external_ids)
        )

    @api.model
    def _delay_import_record(self, backend, external_id, force=False, **options):
        """Enqueue ``import_record`` with its description; ``options`` go to
        ``with_delay`` (priority, identity_key...)."""
        description = self._get_job_description("import_record", backend, external_id)
        return self.with_delay(description=description, **options).import_record(
            backend, str(external_id), force=force
        )

    def _delay_export_record(self, fields=None, **options):
        """Enqueue ``export_record`` of this binding with its description."""
        self.ensure_one()
        description = self._get_job_description(
            "export_record", self.backend_id, record=self
        )
        return self.with_delay(description=description, **options).export_record(
            fields=fields
        )

    def _delay_export_delete_record(self, **options):
        """Enqueue the remote deletion of this binding (run after it is gone)."""
        self.ensure_one()
        description = self._get_job_description(
            "export_delete_record", self.backend_id, self.external_id
        )
        return (
            self.env[self._name]
            .with_delay(description=description, **options)
            .export_delete_record(self.backend_id, self.external_id)
        )

    def _get_resync_description(self):
        self.ensure_one()
        return self._get_job_description(
            "import_record", self.backend_id, self.external_id
        )
