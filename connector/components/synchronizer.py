"""Synchronizers: the components that run an import, an export or a deletion.

A synchronizer glues the other components together: the backend adapter
talks to the remote system, the mapper converts the data and the binder
links the records.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from odoo.addons.component.core import AbstractComponent

from ..exception import IDMissingInBackend, RetryableJobError
from .binder import _is_empty_id
from .conflict import REMOTE_WINS, WRITTEN
from .mapper import parse_remote_date, remote_fingerprint

_logger = logging.getLogger(__name__)


class Synchronizer(AbstractComponent):
    """Base of the importers, exporters and deleters.

    The mapper, binder and backend adapter of the work model are looked up
    on first use and kept for the life of the synchronizer.
    """

    _name = "base.synchronizer"
    _inherit = "base.connector"

    # Usages of the components a synchronizer uses; meant to be overridden.
    _base_mapper_usage = "mapper"
    _base_backend_adapter_usage = "backend.adapter"
    # meant to be overridden by importers and exporters: binding field (a
    # Char) keeping the fingerprint of the remote record as last imported
    # or exported; None: a change is told by the remote date alone, and a
    # change within the second of the last synchronization goes unseen
    _remote_fingerprint_field = None

    def __init__(self, work_context):
        super().__init__(work_context)
        self._backend_adapter = None
        self._binder = None
        self._mapper = None

    def run(self):
        """Run the synchronization."""
        raise NotImplementedError

    @property
    def mapper(self):
        """The mapper of the work model (usage ``_base_mapper_usage``)."""
        if self._mapper is None:
            self._mapper = self.component(usage=self._base_mapper_usage)
        return self._mapper

    @property
    def binder(self):
        """The binder of the work model."""
        if self._binder is None:
            self._binder = self.binder_for()
        return self._binder

    @property
    def backend_adapter(self):
        """The backend adapter of the work model."""
        if self._backend_adapter is None:
            self._backend_adapter = self.component(
                usage=self._base_backend_adapter_usage
            )
        return self._backend_adapter

    # Remote versions ------------------------------------------------------------

    def _get_remote_fingerprint(self, record):
        """Fingerprint of the remote ``record`` (a dict as the adapter reads
        it). Meant to be overridden when the remote answers a write with
        another form of the record than a read: digest only the keys both
        forms share."""
        return remote_fingerprint(record)

    def _remote_changed_since_sync(self, binding, record):
        """True when the remote ``record`` is not the version last imported
        or exported for ``binding``, by the fingerprint kept on it.

        False without a fingerprint to compare (no ``_remote_fingerprint_field``,
        a binding synchronized before it was kept): the dates decide then.
        """
        field = self._remote_fingerprint_field
        if not (field and binding and record is not None):
            return False
        known = binding[field]
        return bool(known) and known != self._get_remote_fingerprint(record)

    def _remote_date_for_conflict(self, binding, remote_date, record):
        """The remote date given to the ``conflict.resolver``.

        A remote change made in the second of the last synchronization has a
        date not after the binding's ``sync_date``: the resolver would not
        see it. When the fingerprint says the record changed since, the date
        used is the second after ``sync_date``: a remote change since the
        synchronization, and a conflict if Odoo changed too.
        """
        sync_date = binding.sync_date if binding else None
        if (
            remote_date
            and sync_date
            and remote_date <= sync_date
            and self._remote_changed_since_sync(binding, record)
        ):
            return sync_date + timedelta(seconds=1)
        return remote_date

    @contextmanager
    def _retry_unique_violation(self):
        """Turn a unique violation into a retry of the job.

        Two jobs creating the same binding at the same time: the second one
        hits the unique constraint; retried later, it finds the binding of
        the first one instead of failing::

            with self._retry_unique_violation():
                binding = self.model.create(values)
        """
        try:
            # the pending writes of the work model (the binding, whose table
            # holds the unique external id) are flushed inside the savepoint,
            # so that a violation raises here; the other models' writes are
            # left to the ORM (a chunk's records write them together), and
            # the precommit hooks (mail tracking) to the end of the
            # transaction, as for any create: a record created then
            # confirmed in the same import gets one message in its chatter
            with self.env.cr.savepoint(flush=False):
                yield
                self.model.flush_model()
        except psycopg2.IntegrityError as err:
            if err.pgcode != errorcodes.UNIQUE_VIOLATION:
                raise
            raise RetryableJobError(
                f"A database error caused the failure of the job:\n{err}\n\n"
                "Likely due to 2 concurrent jobs wanting to create the same "
                "record. The job will be retried later."
            ) from err


class Exporter(AbstractComponent):
    """Base of the exporters (usage ``exporter``)."""

    _name = "base.exporter"
    _inherit = "base.synchronizer"
    _usage = "exporter"
    _base_mapper_usage = "export.mapper"


class GenericExporter(AbstractComponent):
    """Export one binding: create or update its record on the backend.

    ``run(binding)`` does, in order: skip when :meth:`_has_to_skip` says so,
    export the dependencies (:meth:`_export_dependencies`), lock the binding
    row, map it, create or write it remotely, bind the external id, then call
    :meth:`_after_export`::

        class DemoShopCustomerExporter(Component):
            _name = "demo.shop.res.partner.exporter"
            _inherit = "generic.exporter"
            _usage = "record.exporter"
            _apply_on = "demo.shop.res.partner"
            _default_binding_field = "demo_shop_bind_ids"

            def _export_dependencies(self):
                self._export_dependency(self.binding.parent_id, "demo.shop.res.partner")

    It never commits the job's transaction (queue_job refuses commits in
    jobs). The external id of a record created remotely is saved at once in
    ``connector.pending.binding`` from a separate transaction, so that a
    retry after a failure updates that record instead of creating another.
    A trace is committed there before the creation too: when the answer is
    lost (timeout, dropped connection, killed worker), the retry calls
    :meth:`_lookup_remote_after_unknown_outcome` to find the record on the
    backend before creating it again.
    """

    _name = "generic.exporter"
    _inherit = "base.exporter"
    # Name of the one2many from the Odoo record to its bindings, used by
    # _export_dependency to create missing bindings; meant to be overridden.
    _default_binding_field = None

    def __init__(self, working_context):
        super().__init__(working_context)
        self.binding = None
        self.external_id = None
        # True when connector.pending.binding holds the external id
        self._has_pending_external_id = False
        # what the export did: WRITTEN, or SKIPPED / HELD by a conflict
        self.outcome = WRITTEN
        self.conflict_policy = None

    def _should_import(self):
        """Return True when the remote record is newer and must be imported
        instead (hook; may raise IDMissingInBackend)."""
        return False

    def _delay_import(self):
        """Schedule the import of the remote record."""
        assert self.external_id
        self.binding.with_delay().import_record(
            self.backend_record, self.external_id, force=True
        )

    def run(self, binding, *args, **kwargs):
        """Export ``binding``; extra arguments go to :meth:`_run` (``fields``).

        Returns the message of :meth:`_run`.
        """
        self.binding = binding
        self.external_id = self.binder.to_external(self.binding)
        self._has_pending_external_id = False
        try:
            should_import = self._should_import()
        except IDMissingInBackend:
            self.external_id = None
            should_import = False
        if should_import:
            self._delay_import()

        self.outcome = WRITTEN
        result = self._run(*args, **kwargs)
        # A skipped export may have no external id: there is nothing to bind.
        # Nothing written over a conflict: the binding keeps its sync date.
        if not _is_empty_id(self.external_id) and self.outcome == WRITTEN:
            self.binder.bind(self.external_id, self.binding)
            if self._has_pending_external_id:
                self._schedule_forget_pending_external_id()
        self._after_export()
        return result

    def _run(self, fields=None):
        """Create or update the remote record; return a message."""
        assert self.binding
        if not self.external_id:
            fields = None  # a creation sends every field
        if self._has_to_skip():
            return None
        # export the missing linked resources first
        self._export_dependencies()
        # prevent other jobs from exporting the same record at the same time
        self._lock()
        # A falsy id means "not exported" here, 0 included: an Integer
        # external id field reads 0 for a binding that was never exported.
        if not self.external_id:
            self.external_id = self._recall_pending_external_id()
        map_record = self._map_data()
        if self.external_id:
            record = self._update_data(map_record, fields=fields)
            if not record:
                return self.env._("Nothing to export.")
            self.outcome = self._resolve_conflict(record)
            if self.outcome != WRITTEN:
                return self._get_message_conflict()
            self._update(record)
        else:
            record = self._create_data(map_record, fields=fields)
            if not record:
                self._forget_pending_creation()
                return self.env._("Nothing to export.")
            self.external_id = self._create(record)
            self._keep_pending_external_id()
        return self.env._("Record exported with ID %s on Backend.", self.external_id)

    def _after_export(self):
        """Hook called after a successful export and bind."""

    def _lock(self):
        """Lock the binding row until the end of the transaction, or retry.

        ``NOWAIT`` turns a concurrent export of the same binding into a
        :class:`RetryableJobError` instead of waiting for it (the waiting job
        would then export stale data or create a duplicate).
        """
        query = SQL(
            "SELECT id FROM %s WHERE id = %s FOR UPDATE NOWAIT",
            SQL.identifier(self.model._table),
            self.binding.id,
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
        except psycopg2.OperationalError as err:
            _logger.info(
                "A concurrent job is already exporting the same record "
                "(%s with id %s). Job delayed later.",
                self.model._name,
                self.binding.id,
            )
            raise RetryableJobError(
                f"A concurrent job is already exporting the same record "
                f"({self.model._name} with id {self.binding.id}). "
                f"The job will be retried later."
            ) from err

    def _has_to_skip(self):
        """Return True to skip the export (hook)."""
        return False

    # Pending external ids ------------------------------------------------

    def _get_pending_key(self):
        """Identify the binding in ``connector.pending.binding``.

        The backend and the wrapped record identify a binding even when it
        is recreated with a new id (a dependency binding created by a job
        that failed); bindings without them are identified by their id.
        """
        binding = self.binding
        binder = self.binder
        binding_fields = binding._fields
        if (
            binder._odoo_field in binding_fields
            and binder._backend_field in binding_fields
        ):
            backend = binding[binder._backend_field]
            record = binding[binder._odoo_field]
            return (
                f"{binder._backend_field}={getattr(backend, 'id', backend)},"
                f"{binder._odoo_field}={getattr(record, 'id', record)}"
            )
        return f"id={binding.id}"

    @contextmanager
    def _pending_env(self):
        # A separate transaction, committed on exit: the remote record exists
        # as soon as the adapter returns, whatever happens to the job's
        # transaction, so the link to it must survive a rollback. It touches
        # only connector.pending.binding, never the binding row locked by
        # _lock(), so it cannot wait on the job's own transaction.
        with self.env.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})["connector.pending.binding"]

    def _keep_pending_external_id(self):
        """Save the external id just created, in its own committed transaction."""
        with self._pending_env() as pending:
            pending._remember(self.binding, self._get_pending_key(), self.external_id)
        self._has_pending_external_id = True

    def _recall_pending_external_id(self):
        """Return the external id a previous attempt created remotely, or None.

        Called before a creation. Without a trace of a previous attempt, a
        trace of this one is committed first (``connector.pending.binding``
        with no external id): if the backend's answer is lost, or the worker
        dies before the id is saved, the next attempt knows that the outcome
        is unknown and calls :meth:`_lookup_remote_after_unknown_outcome`
        instead of creating blindly. Read from a new transaction: with
        repeatable read, the job's own snapshot may predate the attempt that
        saved it.
        """
        binding_model, key = self.binding._name, self._get_pending_key()
        with self._pending_env() as pending:
            found, external_id = pending._recall_state(binding_model, key)
            if not found:
                pending._remember(self.binding, key, None)
        self._has_pending_external_id = True
        if external_id is None and found:
            external_id = self._external_id_after_unknown_outcome()
        elif external_id is not None:
            _logger.info(
                "Export of %s %s: reusing the external id %s created by a "
                "previous attempt",
                binding_model,
                self.binding.id,
                external_id,
            )
        return external_id

    def _external_id_after_unknown_outcome(self):
        """Ask :meth:`_lookup_remote_after_unknown_outcome`; save what it finds."""
        # a hook: connectors override it, the default finds nothing
        external_id = self._lookup_remote_after_unknown_outcome()  # pylint: disable=assignment-from-none
        if _is_empty_id(external_id):
            _logger.warning(
                "Export of %s %s: a previous creation attempt got no answer and "
                "the record was not found on the backend; creating it again",
                self.binding._name,
                self.binding.id,
            )
            return None
        _logger.info(
            "Export of %s %s: the creation attempt that got no answer had "
            "created %s on the backend; binding it",
            self.binding._name,
            self.binding.id,
            external_id,
        )
        self.external_id = external_id
        self._keep_pending_external_id()
        return external_id

    def _lookup_remote_after_unknown_outcome(self):
        """Return the external id of the record a previous attempt may have
        created, or None to create it again (hook; default None).

        Called when a creation was sent and no answer was saved: a timeout,
        a dropped connection, a worker killed during the call. Creating again
        would make a duplicate when the first request succeeded. Look the
        record up on the backend by a natural key (a SKU, an e-mail) or by a
        marker the exporter wrote with the creation (:meth:`_get_pending_key`
        identifies the binding across attempts), e.g. WooCommerce's
        ``meta_data``::

            def _create_data(self, map_record, fields=None, **kwargs):
                data = super()._create_data(map_record, fields=fields, **kwargs)
                data["meta_data"] = [
                    {"key": "odoo_binding", "value": self._get_pending_key()}
                ]
                return data

            def _lookup_remote_after_unknown_outcome(self):
                found = self.backend_adapter.search(
                    {"meta_key": "odoo_binding", "meta_value": self._get_pending_key()}
                )
                return found[0] if found else None

        The record found is then updated with the current data and bound.
        """
        return

    def _forget_pending_creation(self):
        """Drop the trace of a creation that was not sent (nothing to export)."""
        with self._pending_env() as pending:
            pending._forget(self.binding._name, self._get_pending_key())
        self._has_pending_external_id = False

    def _schedule_forget_pending_external_id(self):
        """Drop the pending external id once the bind is committed."""
        binding_model = self.binding._name
        key = self._get_pending_key()
        registry = self.env.registry

        def forget():
            with registry.cursor() as cr:
                api.Environment(cr, SUPERUSER_ID, {})[
                    "connector.pending.binding"
                ]._forget(binding_model, key)

        # After the commit only: if the job's transaction rolls back, the
        # pending id is what the retry needs.
        self.env.cr.postcommit.add(forget)

    # Dependencies ----------------------------------------------------------

    def _export_dependency(
        self,
        relation,
        binding_model,
        component_usage="record.exporter",
        binding_field=None,
        binding_extra_vals=None,
    ):
        """Export a record the current one depends on, if it has no external id.

        :param relation: the Odoo record or binding to export
        :param binding_model: the binding model of the relation
        :param component_usage: usage of the exporter to run
        :param binding_field: one2many from ``relation`` to its bindings
            (default ``_default_binding_field``); when ``relation`` is a
            normal record and has no binding on the backend, one is created
        :param binding_extra_vals: extra values of the created binding

        ::

            def _export_dependencies(self):
                self._export_dependency(self.binding.categ_id, "shop.product.category")
        """
        if binding_field is None:
            binding_field = self._default_binding_field
        if not relation:
            return
        rel_binder = self.binder_for(binding_model)
        # wrap: relation is a normal record, its binding must be found
        wrap = relation._name != binding_model
        if wrap and binding_field and hasattr(relation, binding_field):
            binding = self._get_or_create_dependency_binding(
                relation, binding_model, binding_extra_vals
            )
        else:
            binding = relation

        if not rel_binder.to_external(binding):
            exporter = self.component(usage=component_usage, model_name=binding_model)
            exporter.run(binding)

    def _get_or_create_dependency_binding(
        self, relation, binding_model, extra_vals=None
    ):
        domain = [
            ("odoo_id", "=", relation.id),
            ("backend_id", "=", self.backend_record.id),
        ]
        binding = self.env[binding_model].search(domain)
        if binding:
            assert len(binding) == 1, (
                "only 1 binding for a backend is supported in _export_dependency"
            )
            return binding
        values = {"backend_id": self.backend_record.id, "odoo_id": relation.id}
        if extra_vals:
            values.update(extra_vals)
        # No commit here (queue_job forbids it): if the job fails, the
        # binding is rolled back, and the pending external id of its export
        # is found again by backend and record when it is recreated.
        with self._retry_unique_violation():
            return (
                self.env[binding_model]
                .with_context(connector_no_export=True)
                .sudo()
                .create(values)
            )

    def _export_dependencies(self):
        """Export the records the binding depends on (hook)."""

    # Map, create, update ---------------------------------------------------

    def _map_data(self):
        """Return the MapRecord of the binding."""
        return self.mapper.map_record(self.binding)

    def _validate_create_data(self, data):
        """Check the values of a creation; raise InvalidDataError (hook)."""

    def _validate_update_data(self, data):
        """Check the values of an update; raise InvalidDataError (hook)."""

    def _create_data(self, map_record, fields=None, **kwargs):
        """Values for a creation."""
        return map_record.values(for_create=True, fields=fields, **kwargs)

    def _create(self, data):
        """Create the record remotely; return its external id."""
        self._validate_create_data(data)
        return self.backend_adapter.create(data)

    def _update_data(self, map_record, fields=None, **kwargs):
        """Values for an update."""
        return map_record.values(fields=fields, **kwargs)

    def _update(self, data):
        """Write the record remotely."""
        assert self.external_id
        self._validate_update_data(data)
        answer = self.backend_adapter.write(self.external_id, data)
        self._keep_remote_date(answer)
        return answer

    def _keep_remote_date(self, answer):
        """Store the remote date of ``answer`` (the remote record after an
        update) on the binding, and its fingerprint when the exporter has a
        ``_remote_fingerprint_field``: the next import sees this export as
        already imported instead of bouncing it back."""
        if not (self._remote_date_key and self._remote_date_field):
            return
        if not isinstance(answer, dict):
            return
        modified = self._get_remote_date(answer)
        if not modified:
            return
        values = {self._remote_date_field: modified}
        if self._remote_fingerprint_field:
            # the version written is the one known: the webhook the remote
            # sends for this write imports nothing
            values[self._remote_fingerprint_field] = self._get_remote_fingerprint(
                answer
            )
        self.binding.with_context(connector_no_export=True).write(values)

    # Conflicts ---------------------------------------------------------------

    # meant to be overridden: True to read the remote record before an update
    # and ask the conflict.resolver whether it may be overwritten (OCA's
    # exporter never does); key of the remote modification date, and binding
    # field holding it as last imported or exported
    _check_conflicts = False
    _remote_date_key = None
    _remote_date_field = None

    def _resolve_conflict(self, data):
        """Return WRITTEN, SKIPPED or HELD: may ``data`` overwrite the remote?

        The remote record is read first: changed there since the binding's
        sync date, with other values than the ones sent (nested dicts
        compared key by key), is a conflict. ``remote_wins`` enqueues the
        import of the remote version; nothing is written nor bound::

            class DemoShopCustomerExporter(Component):
                _name = "demo.shop.res.partner.exporter"
                _inherit = "generic.exporter"
                _check_conflicts = True
                _remote_date_key = "date_modified_gmt"
                _remote_date_field = "shop_date_modified"
        """
        if not (self._check_conflicts and self.binding.sync_date):
            return WRITTEN
        remote = self.backend_adapter.read(self.external_id)
        remote_date = self._get_remote_date(remote)
        known = self._remote_date_field and self.binding[self._remote_date_field]
        if (
            known
            and remote_date
            and remote_date <= known
            and not self._remote_changed_since_sync(self.binding, remote)
        ):
            return WRITTEN  # the remote still holds the version last synchronized
        resolver = self.component(usage="conflict.resolver")
        outcome = resolver.get_export_outcome(
            self.binding,
            self._remote_date_for_conflict(self.binding, remote_date, remote),
            self._flatten(data),
            self._flatten(self._project(remote, data)),
        )
        self.conflict_policy = resolver.get_policy(self.binding)
        if outcome != WRITTEN and self.conflict_policy == REMOTE_WINS:
            self._delay_import()
        return outcome

    def _get_remote_date(self, remote):
        """The modification date of the ``remote`` record (naive UTC) or None."""
        value = remote.get(self._remote_date_key) if self._remote_date_key else None
        return parse_remote_date(value)

    @classmethod
    def _project(cls, remote, data):
        """The part of ``remote`` that ``data`` would overwrite."""
        projected = {}
        for key, value in data.items():
            if key not in remote:
                continue
            if isinstance(value, dict) and isinstance(remote[key], dict):
                projected[key] = cls._project(remote[key], value)
            else:
                projected[key] = remote[key]
        return projected

    @classmethod
    def _flatten(cls, values, prefix=""):
        """``{"billing": {"city": x}}`` as ``{"billing.city": x}``: the
        differences of a conflict then name the nested fields."""
        flat = {}
        for key, value in values.items():
            if isinstance(value, dict):
                flat.update(cls._flatten(value, prefix=f"{prefix}{key}."))
            else:
                flat[f"{prefix}{key}"] = value
        return flat

    def _get_message_conflict(self):
        return self.env._(
            "%(record)s changed on %(backend)s since the last synchronization: "
            "not exported (%(outcome)s, conflict policy: %(policy)s).",
            record=self.binding.display_name,
            backend=self.backend_record.display_name,
            outcome=self.outcome,
            policy=self.conflict_policy,
        )


class Importer(AbstractComponent):
    """Base of the importers (usage ``importer``).

    ``_lock_external_id`` keeps two jobs from importing the same external
    record at the same time, so that they cannot create two bindings::

        def run(self, external_id):
            self._lock_external_id(external_id)
            binding = self.binder.to_internal(external_id)
            ...
    """

    _name = "base.importer"
    _inherit = "base.synchronizer"
    _usage = "importer"
    _base_mapper_usage = "import.mapper"

    # Seconds before a job blocked by a concurrent import is retried; meant
    # to be overridden.
    _import_lock_retry_seconds = 2

    def _get_import_lock_name(self, external_id):
        """Name of the advisory lock of one external record."""
        backend = self.backend_record
        return f"import({backend._name},{backend.id},{self.model._name},{external_id})"

    def _lock_external_id(self, external_id):
        """Take the import lock of ``external_id`` or retry the job later."""
        self.advisory_lock_or_retry(
            self._get_import_lock_name(external_id),
            retry_seconds=self._import_lock_retry_seconds,
        )


class Deleter(AbstractComponent):
    """Base of the deleters (usage ``deleter``)."""

    _name = "base.deleter"
    _inherit = "base.synchronizer"
    _usage = "deleter"
