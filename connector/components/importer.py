# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Importers ready to use: one record (``generic.record.importer``) and the
batch listing what changed (``generic.batch.importer``).

Both sit on ``base.importer``: the advisory lock of one external record
(``_lock_external_id``) and the retry of a concurrent creation
(``_retry_unique_violation``). A connector inherits them and overrides the
hooks that are specific to its remote system.
"""

import json
import logging
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.tools import SQL

from odoo.addons.component.core import AbstractComponent
from odoo.addons.component.exception import NoComponentError
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..exception import IDMissingInBackend, InvalidDataError, MappingError
from ..models.checkpoint import add_checkpoint
from ..money import to_decimal
from .binder import _is_empty_id, sync_date_now
from .conflict import ODOO_WINS, SKIPPED, WRITTEN
from .mapper import parse_remote_date

_logger = logging.getLogger(__name__)

# names of the JSON types in the errors of _check_type
JSON_TYPE_NAMES = {
    str: "a text",
    int: "a number",
    float: "a number",
    dict: "an object",
    list: "a list",
}


def shorten_value(value, limit=80):
    """``repr(value)`` cut to ``limit`` characters, for error messages."""
    return shorten_text(repr(value), limit)


def shorten_text(text, limit=80):
    """``text`` cut to ``limit`` characters."""
    return text if len(text) <= limit else text[:limit] + "..."


class GenericRecordImporter(AbstractComponent):
    """Import one external record, given its id: every step is a hook.

    ``run(external_id)`` does, in order::

        _lock_external_id       one job per external record (retry otherwise),
                                taken before the remote read: a job that must
                                wait calls nobody
        _get_remote_data        read the record (IDMissingInBackend: nothing)
        _validate_remote_data   refuse unexpected types before any write
        _must_skip              a reason to skip, or None
        _is_uptodate            the version last imported (date, fingerprint)
        _import_dependencies    records this one points to, first
        _map_data               the import mapper
        _resolve_conflict       written / skipped / held (conflict.resolver)
        _create or _update      with connector_no_export in the context
        binder.bind             external id and sync date, when written only
        _after_import           checkpoints, states...

    A connector declares its importer with the binding fields it knows::

        class DemoShopRecordImporter(AbstractComponent):
            _name = "demo.shop.record.importer"
            _inherit = ["generic.record.importer", "demo.shop.base"]
            _remote_date_key = "date_modified_gmt"
            _remote_date_field = "shop_date_modified"
            _remote_fingerprint_field = "shop_fingerprint"
    """

    _name = "generic.record.importer"
    _inherit = "base.importer"
    _usage = "record.importer"

    # meant to be overridden: key of the remote record holding its last
    # modification date, and binding field keeping it at the last import
    # (None: no "up to date" check, no conflict detection); the binding
    # field of the remote record's fingerprint is _remote_fingerprint_field
    # (base.synchronizer)
    _remote_date_key = None
    _remote_date_field = None

    def __init__(self, work_context):
        super().__init__(work_context)
        self.external_id = None
        self.remote_record = None
        # what the last run did with the remote values: WRITTEN, SKIPPED, HELD
        self.outcome = None
        self.conflict_policy = None
        # the Odoo record an unknown remote record was bound to, if any
        self.matched_record = None
        # the binding of the external id when the import began (an empty
        # recordset for a new record), once ``run`` looked it up
        self.binding = None
        # {(binding model, external id): binding} read before the import by
        # the chunk this record is part of (GenericBatchImporter's
        # _prefetch_bindings): dependencies found there are not looked up
        self.prefetched_bindings = {}

    def run(self, external_id, force=False, remote_record=None):
        """Import ``external_id``; return a message for the job's result.

        ``force`` imports even when the binding is up to date;
        ``remote_record``, the record already read (a chunk of records read
        in one request), is imported without reading it again.
        """
        self.external_id = str(external_id)
        self._lock_external_id(self.external_id)
        try:
            if remote_record is None:
                self.remote_record = self._get_remote_data()
            else:
                self.remote_record = remote_record
        except IDMissingInBackend:
            return self._get_message_missing()
        self._validate_remote_data()
        skip_reason = self._must_skip()  # pylint: disable=assignment-from-none
        if skip_reason:
            self.outcome = SKIPPED
            return skip_reason
        binding = self.binding = self.binder.to_internal(self.external_id)
        if not force and self._is_uptodate(binding):
            self.outcome = SKIPPED
            return self.env._("Already up to date.")
        self._import_dependencies()
        map_record = self._map_data()
        binding = self._write_binding(binding, map_record)
        if self.outcome != WRITTEN:
            return self._get_message_conflict(binding)
        self.binder.bind(self.external_id, binding)
        self._after_import(binding)
        _logger.info(
            "Imported %s %s as %s", self.model._name, self.external_id, binding
        )
        return self._get_message_imported(binding)

    def _write_binding(self, binding, map_record):
        """Update ``binding`` unless a conflict says otherwise, or create it."""
        if binding:
            data = self._with_remote_fingerprint(self._update_data(map_record))
            self.outcome = self._resolve_conflict(binding, data)
            if self.outcome == WRITTEN:
                self._update(binding, data)
            return binding
        self.outcome = WRITTEN
        data = self._with_remote_fingerprint(self._create_data(map_record))
        self._check_created_meanwhile()
        with self._retry_unique_violation():
            record = self._match_existing_record(data)  # pylint: disable=assignment-from-none
            if record:
                return self._bind_existing(record, data)
            return self._create(data)

    def _check_created_meanwhile(self):
        """Retry the job when another job committed the binding of this
        external id after this transaction began.

        The import lock comes free once the other job commits, but this
        transaction (REPEATABLE READ) still reads the database as it was at
        its start: a chunk of records imports its last ones long after. Its
        binding invisible here, creating it again would meet the unique
        constraint, an error in the database's log. One look through a
        cursor of its own, which sees every commit, tells; the retry (in a
        chunk: the record's own job) then finds the binding.
        """
        binder = self.binder
        # the binder's columns; none when its external id is no plain column
        columns = binder._binding_query(binder._external_field)
        if columns is None:
            return
        table, column, backend_column, __ = columns
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT 1 FROM %s WHERE %s = %s AND %s = %s LIMIT 1",
                    table,
                    column,
                    self.external_id,
                    backend_column,
                    self.backend_record.id,
                )
            )
            created = bool(cr.fetchone())
        if created:
            raise RetryableJobError(
                f"{self.model._description} {self.external_id} was created by "
                "another job meanwhile: this job is retried and finds it.",
                seconds=self._import_lock_retry_seconds,
                ignore_retry=True,
            )

    # reading and checking --------------------------------------------------

    def _get_remote_data(self):
        """The remote record, as the backend adapter reads it."""
        return self.backend_adapter.read(self.external_id)

    def _validate_remote_data(self):
        """Raise :class:`InvalidDataError` for a remote record of unexpected
        types; meant to be extended per field the mapper reads."""
        if not isinstance(self.remote_record, dict):
            raise self._invalid(
                None,
                f"the remote answered {type(self.remote_record).__name__} "
                "instead of an object.",
            )

    def _invalid(self, field, message, part=None):
        """An :class:`InvalidDataError` naming the model, the external id,
        ``part`` (a nested object, e.g. "line item 7") and ``field``."""
        where = f"{self.model._description} {self.external_id}"
        if part:
            where = f"{where}, {part}"
        if field:
            return InvalidDataError(f"{where}: field {field!r} {message}")
        return InvalidDataError(f"{where}: {message}")

    def _check_type(self, field, types, record=None, required=False, part=None):
        """Raise :class:`InvalidDataError` unless ``record[field]`` (the remote
        record by default) is of ``types``; ``None`` and a missing key pass
        unless ``required``. ``part`` names the nested ``record``::

            def _validate_remote_data(self):
                super()._validate_remote_data()
                self._check_type("name", (str,), required=True)
        """
        record = self.remote_record if record is None else record
        value = record.get(field)
        if value is None and not required:
            return
        # a JSON true/false is no number
        if isinstance(value, types) and not (
            isinstance(value, bool) and bool not in types
        ):
            return
        expected = " or ".join(
            dict.fromkeys(JSON_TYPE_NAMES.get(kind, kind.__name__) for kind in types)
        )
        raise self._invalid(
            field,
            f"must be {expected}, got {shorten_value(value)} ({type(value).__name__}).",
            part=part,
        )

    def _check_objects(self, field, record=None):
        """Raise :class:`InvalidDataError` unless ``record[field]`` is a list
        of objects (a missing or ``null`` list passes)."""
        record = self.remote_record if record is None else record
        self._check_type(field, (list,), record=record)
        for item in record.get(field) or []:
            if not isinstance(item, dict):
                raise self._invalid(
                    field,
                    f"must hold objects, got {shorten_value(item)} "
                    f"({type(item).__name__}).",
                )

    def _check_amount(self, field, record=None, part=None):
        """Raise :class:`InvalidDataError` unless ``record[field]`` is an
        amount of money (a number, or a text holding one)."""
        record = self.remote_record if record is None else record
        self._check_type(field, (int, float, str), record=record, part=part)
        try:
            to_decimal(record.get(field))
        except MappingError as err:
            raise self._invalid(
                field,
                f"must be a number, got {shorten_value(record.get(field))}.",
                part=part,
            ) from err

    def _must_skip(self):
        """Return a reason (text) to skip the record, or ``None``."""
        return

    def _get_remote_date(self):
        """The remote record's modification date (naive UTC), or None."""
        if not self._remote_date_key:
            return None
        return parse_remote_date(self.remote_record.get(self._remote_date_key))

    def _get_known_remote_date(self, binding):
        """The remote date stored on ``binding`` at its last import, or None."""
        if not (binding and self._remote_date_field):
            return None
        return binding[self._remote_date_field] or None

    def _is_uptodate(self, binding):
        """True when the remote record did not change since its last import.

        Both dates come from the remote's clock, so a clock skew between
        Odoo and the remote system cannot hide a change.
        """
        return self._is_known_version(
            binding, self._get_remote_date(), self.remote_record
        )

    def _is_known_version(self, binding, modified, record):
        """True when ``record``, modified at ``modified``, is the version of
        the remote record last imported (or exported) for ``binding``.

        A date before the one kept is an older version; the same date is the
        same version unless the fingerprints differ (see
        ``_remote_fingerprint_field``): a change made within the second of
        the last import has that import's date.
        """
        known = self._get_known_remote_date(binding)
        if not (known and modified and modified <= known):
            return False
        return modified < known or not self._remote_changed_since_sync(binding, record)

    def _with_remote_fingerprint(self, data):
        """``data`` with the fingerprint of the remote record, when the
        importer keeps one (``_remote_fingerprint_field``)."""
        if self._remote_fingerprint_field:
            data[self._remote_fingerprint_field] = self._get_remote_fingerprint(
                self.remote_record
            )
        return data

    # dependencies ------------------------------------------------------------

    def _import_dependencies(self):
        """Import the records this one points to; nothing by default."""

    def _import_dependency(self, external_id, binding_model, force=False):
        """Import ``external_id`` of ``binding_model`` unless already bound.

        Return ``True`` when it had to be imported (it was unknown)::

            def _import_dependencies(self):
                self._import_dependency(
                    self.remote_record["customer_id"], "demo.shop.res.partner"
                )
        """
        if not external_id:
            return False
        # bound already (committed before this transaction began): nothing
        # to create, no lock to wait for, even while another job updates it;
        # a chunk of orders sharing products with another chunk keeps going
        if not force and self._dependency_binding(external_id, binding_model):
            return False
        binder = self.binder_for(binding_model)
        importer = self.component(usage="record.importer", model_name=binding_model)
        # unknown: lock, then look again; a job creating the same record
        # right now makes this one retry, and the retry finds it bound
        importer._lock_external_id(str(external_id))
        if not force and binder.to_internal(external_id):
            return False
        importer.run(external_id, force=force)
        return True

    def _dependency_binding(self, external_id, binding_model):
        """The binding of a dependency: the one its chunk read beforehand
        (``prefetched_bindings``), else the binder's lookup."""
        binding = self.prefetched_bindings.get((binding_model, str(external_id)))
        if binding is None:
            binding = self.binder_for(binding_model).to_internal(external_id)
        return binding

    # mapping and writing -----------------------------------------------------

    def _map_data(self):
        return self.mapper.map_record(self.remote_record)

    def _create_data(self, map_record, **kwargs):
        values = map_record.values(for_create=True, **kwargs)
        # the external id goes in with the INSERT: a concurrent duplicate then
        # fails right here, where _retry_unique_violation turns it into a retry
        binder = self.binder
        values[binder._external_field] = self.external_id
        # and the sync date: the bind that follows then changes nothing (the
        # same second) instead of an UPDATE of the row just inserted
        if binder._sync_date_field in self.model._fields:
            values.setdefault(binder._sync_date_field, sync_date_now())
        return values

    def _update_data(self, map_record, **kwargs):
        return map_record.values(**kwargs)

    def _create(self, data):
        # connector_no_export: the listeners must not send the import back
        binding = self.model.with_context(connector_no_export=True).create(data)
        _logger.debug("%s %s created", self.model._name, binding.id)
        return binding

    def _update(self, binding, data):
        binding.with_context(connector_no_export=True).write(data)
        _logger.debug("%s %s updated", self.model._name, binding.id)

    def _after_import(self, binding):
        """Hook run once the binding is written and bound; a record matched
        by :meth:`_match_existing_record` gets a checkpoint."""
        if self.matched_record:
            self._add_checkpoint(self.matched_record)

    def _match_existing_record(self, data):
        """The Odoo record an unknown remote record is bound to instead of
        creating one, or an empty recordset (always, by default)::

            def _match_existing_record(self, data):
                return self.env["res.partner"].search([("ref", "=", data["ref"])])
        """
        return

    def _bind_existing(self, record, data):
        """Bind ``record``, left as it is until a person reviews it (a
        checkpoint); the remote date makes the next scans skip the remote
        record until it changes there."""
        binder = self.binder
        values = {
            binder._odoo_field: record.id,
            binder._backend_field: self.backend_record.id,
            binder._external_field: self.external_id,
        }
        for field in (self._remote_date_field, self._remote_fingerprint_field):
            if field:
                values[field] = data.get(field)
        self.matched_record = record
        return self.model.with_context(connector_no_export=True).create(values)

    def _add_checkpoint(self, record):
        """Ask a person to review ``record`` (an Odoo record, not a binding)."""
        backend = self.backend_record
        return add_checkpoint(
            self.env, record._name, record.id, backend._name, backend.id
        )

    # conflicts ---------------------------------------------------------------

    def _resolve_conflict(self, binding, data):
        """Return WRITTEN, SKIPPED or HELD: may ``data`` overwrite ``binding``?

        Only the fields of the wrapped Odoo record are compared: the
        binding's own fields are the remote's by definition. Nothing
        written means nothing bound: the next import meets the same conflict
        until it is solved.
        """
        remote_date = self._remote_date_for_conflict(
            binding, self._get_remote_date(), self.remote_record
        )
        if not remote_date:
            return WRITTEN
        fields_ = self.model._fields
        values = {
            name: value
            for name, value in data.items()
            if name in fields_ and fields_[name].inherited
        }
        resolver = self.component(usage="conflict.resolver")
        outcome = resolver.get_import_outcome(binding, remote_date, values)
        self.conflict_policy = resolver.get_policy(binding)
        if outcome != WRITTEN and self.conflict_policy == ODOO_WINS:
            self._export_odoo_version(binding)
        return outcome

    def _export_odoo_version(self, binding):
        """Odoo won a conflict: enqueue the export of its version, so that
        both sides meet (models with a ``record.exporter`` only)."""
        try:
            self.component(usage="record.exporter")
        except NoComponentError:
            return
        binding.with_delay(
            description=self.env._(
                "Export %(record)s to %(backend)s (Odoo won a conflict)",
                record=binding.display_name,
                backend=self.backend_record.display_name,
            )
        ).export_record()

    # messages ------------------------------------------------------------------

    def _get_message_missing(self):
        return self.env._(
            "%(model)s %(id)s no longer exists on %(backend)s: nothing imported.",
            model=self.model._description,
            id=self.external_id,
            backend=self.backend_record.display_name,
        )

    def _get_message_conflict(self, binding):
        return self.env._(
            "%(model)s %(id)s and %(record)s both changed since the last "
            "synchronization: the remote values are not written (%(outcome)s, "
            "conflict policy: %(policy)s).",
            model=self.model._description,
            id=self.external_id,
            record=binding.display_name,
            outcome=self.outcome,
            policy=self.conflict_policy,
        )

    def _get_message_imported(self, binding):
        return self.env._(
            "Imported %(model)s %(id)s as %(record)s.",
            model=self.model._description,
            id=self.external_id,
            record=binding.display_name,
        )


class GenericBatchImporter(AbstractComponent):
    """List the external records changed since a watermark; enqueue their import.

    The listing is ordered by a stable key (modification date, then id) and
    read page by page from an offset. A record changed while the scan runs
    moves to the end of the order and is met there; one deleted shifts the
    next ones back: each page after the first must start with a record
    already seen (the anchor), otherwise the scan steps back a page. So no
    record is skipped, whatever changes during the scan.

    The scan's progress (offset, last key, newest date) is kept in
    ``connector.import.cursor`` per backend and model. A job reads at most
    ``_pages_per_job`` pages, then enqueues the next job, which resumes
    there: a killed worker only repeats its own pages. At the end of the
    scan the watermark becomes the newest date seen, minus nothing: the
    next scan subtracts ``_overlap_seconds`` from it (edits made in the
    same second as the last seen one, remote clocks)::

        class DemoShopProductBatchImporter(Component):
            _name = "demo.shop.product.product.batch.importer"
            _inherit = ["generic.batch.importer", "demo.shop.base"]
            _apply_on = "demo.shop.product.product"
            _remote_date_key = "date_modified_gmt"
            _watermark_field = "import_products_since"

            def _list_page(self, since, offset, limit, filters):
                params = {"offset": offset, "per_page": limit, "orderby": "modified"}
                if since:
                    params["modified_after"] = since.isoformat()
                return self.backend_adapter.search_page(params)
    """

    _name = "generic.batch.importer"
    _inherit = "base.importer"
    _usage = "batch.importer"

    # meant to be overridden: key of the listed records holding their
    # modification date (None: every listed record is imported), and
    # whether the remote lists by that date (False: it cannot filter nor
    # order by it, every scan is a full one ordered by id)
    _remote_date_key = None
    _list_by_date = True
    # meant to be overridden: backend field holding the watermark (None: it
    # is kept in connector.import.cursor), backend field receiving the end
    # of each complete scan (None: not noted)
    _watermark_field = None
    _scan_date_field = None
    # meant to be overridden: records per page, pages per job, overlap
    _page_size = 100
    _pages_per_job = 10
    _overlap_seconds = 60
    # meant to be overridden: priority of the record jobs (lower runs first)
    _record_job_priority = 20
    # meant to be overridden: False imports each record of a chunk in its own
    # savepoint right away instead of all in one first (_import_chunk_together)
    _chunk_in_one_savepoint = True

    def run(self, filters=None):
        """Read the next pages of the scan; return a summary for the job."""
        cursor = self._get_cursor()
        # one scan per backend and model at a time: they share the position
        cursor._lock_scan()
        state = cursor._get_scan_state(self._get_watermark())
        since = self._get_since(state)
        seen = enqueued = 0
        for _page in range(self._pages_per_job):
            page = self._list_page(since, state["offset"], self._page_size, filters)
            if not self._anchor_holds(page, state):
                state["offset"] = max(0, state["offset"] - self._page_size)
                continue
            new = [record for record in page if self._is_new(record, state)]
            enqueued += self._enqueue_listed(self._select_to_import(new))
            seen += len(new)
            self._advance(state, page, new)
            if len(page) < self._page_size:
                self._finish_scan(cursor, state)
                return self._get_message(seen, enqueued, done=True)
        cursor._save_scan_state(state)
        self._enqueue_next_batch(filters)
        return self._get_message(seen, enqueued, done=False)

    # the listing ---------------------------------------------------------------

    def _list_page(self, since, offset, limit, filters):
        """Return ``limit`` records from ``offset`` in the stable order, of
        those modified after ``since`` (a naive UTC datetime, or None)."""
        raise NotImplementedError(
            f"{self._name}: implement _list_page(since, offset, limit, filters) "
            "to read a page of the remote listing."
        )

    def _get_external_id(self, record):
        return str(record["id"])

    def _get_modified(self, record):
        if not self._remote_date_key:
            return None
        return parse_remote_date(record.get(self._remote_date_key))

    def _get_sort_key(self, record):
        """The key of the remote order: (date, id) or (id,), comparable."""
        raw_id = record["id"]
        record_id = (0, raw_id, "") if isinstance(raw_id, int) else (1, 0, str(raw_id))
        if not self._lists_by_date():
            return [record_id]
        modified = self._get_modified(record)
        return [modified.isoformat() if modified else "", record_id]

    # the scan --------------------------------------------------------------------

    def _get_cursor(self):
        return self.env["connector.import.cursor"]._get_for(
            self.backend_record, self.model._name
        )

    def _get_watermark(self):
        """The newest date of the last complete scan, or None."""
        if self._watermark_field:
            return self.backend_record[self._watermark_field] or None
        return self._get_cursor().watermark or None

    def _set_watermark(self, newest):
        if self._watermark_field:
            self.backend_record.sudo().write({self._watermark_field: newest})
        else:
            self._get_cursor().sudo().watermark = newest

    def _get_since(self, state):
        since = state["since"]
        if not (since and self._lists_by_date()):
            return None
        return since - timedelta(seconds=self._get_overlap_seconds())

    def _get_overlap_seconds(self):
        return self._overlap_seconds

    def _lists_by_date(self):
        return bool(self._list_by_date and self._remote_date_key)

    def _anchor_holds(self, page, state):
        """False when records before the page vanished: its first one is new."""
        if not state["offset"] or not page or state["last_key"] is None:
            return True
        return self._key(page[0]) <= state["last_key"]

    def _key(self, record):
        return json.loads(json.dumps(self._get_sort_key(record)))

    def _is_new(self, record, state):
        return state["last_key"] is None or self._key(record) > state["last_key"]

    def _advance(self, state, page, new):
        # the next page starts on the last record of this one: the anchor
        state["offset"] += max(len(page) - 1, 1)
        if new:
            state["last_key"] = self._key(new[-1])
        for record in new:
            modified = self._get_modified(record)
            newest = state["newest"]
            if modified and (newest is None or modified > newest):
                state["newest"] = modified

    def _finish_scan(self, cursor, state):
        newest, current = state["newest"], self._get_watermark()
        # the overlap lists records older than the watermark: never go back
        if newest and self._lists_by_date() and not (current and newest <= current):
            self._set_watermark(newest)
        if self._scan_date_field:
            self.backend_record.sudo().write(
                {self._scan_date_field: fields.Datetime.now()}
            )
        cursor._save_scan_state(None)

    def _select_to_import(self, records):
        """External ids of the listed records that are not up to date."""
        since = self._get_since({"since": self._get_watermark()})
        selected = []
        for record in records:
            modified = self._get_modified(record)
            if since and modified and modified < since:
                continue  # a remote ignoring the date filter: filtered here
            binding = self.binder.to_internal(self._get_external_id(record))
            if not self._is_uptodate(binding, modified, record):
                selected.append(self._get_external_id(record))
        return selected

    def _is_uptodate(self, binding, modified, record=None):
        """True when the listed ``record`` (modified at ``modified``) is the
        version last imported for ``binding``; without ``record``, by the
        dates alone."""
        importer = self.component(usage="record.importer")
        return importer._is_known_version(binding, modified, record)

    # the jobs --------------------------------------------------------------------

    def _enqueue_listed(self, external_ids):
        """Turn the listed external ids of one page into jobs; return how many.

        One ``import_record`` job per record when the chunk size of the
        backend and model is 1 (the default, as OCA's framework does), else
        one ``import_chunk`` job per chunk of that many records of the page
        (a chunk never spans two pages).
        """
        size = self._get_chunk_size()
        if size <= 1:
            for external_id in external_ids:
                self._import_record_delayed(external_id)
            return len(external_ids)
        jobs = 0
        for start in range(0, len(external_ids), size):
            chunk = external_ids[start : start + size]
            if len(chunk) == 1:
                self._import_record_delayed(chunk[0])
            else:
                self._import_chunk_delayed(chunk)
            jobs += 1
        return jobs

    def _get_chunk_size(self):
        """Records per import job: what the backend says for this model
        (``connector.backend._get_import_chunk_size``), at least 1."""
        size = self.backend_record._get_import_chunk_size(self.model._name)
        return max(1, int(size or 1))

    def _import_record_delayed(self, external_id):
        """Enqueue the import of one record (``import_record`` job)."""
        return self.model.with_delay(
            priority=self._record_job_priority,
            identity_key=identity_exact,
            description=self.model._get_job_description(
                "import_record", self.backend_record, external_id
            ),
        ).import_record(self.backend_record, external_id)

    def _import_chunk_delayed(self, external_ids):
        """Enqueue the import of several records (``import_chunk`` job)."""
        return self.model.with_delay(
            priority=self._record_job_priority,
            identity_key=identity_exact,
            description=self.model._get_job_description(
                "import_chunk", self.backend_record, external_ids
            ),
        ).import_chunk(self.backend_record, list(external_ids))

    def _enqueue_next_batch(self, filters):
        self.model.with_delay(
            description=self.model._get_job_description(
                "import_batch", self.backend_record
            ),
        ).import_batch(self.backend_record, filters=filters)

    def _get_message(self, seen, enqueued, done):
        message = self.env._(
            "%(seen)s records listed, %(enqueued)s import jobs enqueued.",
            seen=seen,
            enqueued=enqueued,
        )
        if not done:
            message += " " + self.env._("The scan goes on in the next job.")
        return message

    # the chunks ------------------------------------------------------------------

    def run_chunk(self, external_ids, force=False):
        """Import ``external_ids``; return a summary for the ``import_chunk`` job.

        The records are read in as few requests as the adapter allows
        (``read_many``), then imported by the ``record.importer`` (its
        import lock, conflicts and dependencies as in an ``import_record``
        job), all in one savepoint first (:meth:`_import_chunk_together`).
        When one of them fails, that savepoint is rolled back and each
        record is imported again in a savepoint of its own. A record that
        fails, that another job is importing right now, or that the read did
        not return, is rolled back alone and enqueued in an
        ``import_record`` job of its own named after its error: the others
        are imported once, and one record never fails nor retries the
        chunk::

            env["demo.shop.sale.order"].import_chunk(backend, ["12", "13", "15"])
        """
        external_ids = [str(external_id) for external_id in external_ids]
        remote_records = self._read_chunk(external_ids)
        self._prefetch_chunk(list(remote_records.values()))
        errors = {
            external_id: self.env._("the read of the chunk did not return it")
            for external_id in external_ids
            if external_id not in remote_records
        }
        read = [
            external_id for external_id in external_ids if external_id not in errors
        ]
        outcomes = None
        if self._chunk_in_one_savepoint:
            outcomes = self._import_chunk_together(read, remote_records, force)
        if outcomes is None:
            outcomes = []
            for external_id in read:
                outcome, error = self._import_chunk_record(
                    external_id, remote_records[external_id], force
                )
                if error is None:
                    outcomes.append(outcome)
                else:
                    errors[external_id] = error
        split = [
            (external_id, errors[external_id])
            for external_id in dict.fromkeys(external_ids)
            if external_id in errors
        ]
        for external_id, error in split:
            self._split_out(external_id, error, force=force)
        return self._get_chunk_message(outcomes, split)

    def _read_chunk(self, external_ids):
        """``{external id: remote record}`` of ``external_ids`` (the adapter's
        ``read_many``); a record of unexpected type counts as not read."""
        records = self.backend_adapter.read_many(external_ids)
        if not isinstance(records, dict):
            raise InvalidDataError(
                f"{self.model._description}: the read of several records "
                f"answered {type(records).__name__} instead of a mapping of "
                "external ids to records."
            )
        return {
            str(key): record
            for key, record in records.items()
            if isinstance(record, dict)
        }

    def _prefetch_chunk(self, remote_records):
        """Read together what the records of a chunk point to; nothing by
        default.

        Each record of a chunk is imported by a record importer of its own,
        which looks up and reads its dependencies one by one: a chunk of 50
        orders reads its products and customers in as many queries. Read
        here, together (:meth:`_prefetch_bindings`), they are in the ORM's
        cache for every record of the chunk; a record rolled back empties
        that cache, and the next ones read what they need again::

            def _prefetch_chunk(self, remote_records):
                self._prefetch_bindings(
                    "demo.shop.res.partner",
                    [record.get("customer_id") for record in remote_records],
                )
        """

    def _prefetch_bindings(self, binding_model, external_ids):
        """Read the bindings of ``external_ids`` (of ``binding_model``, on
        this backend) and their Odoo records in a few queries; ids that
        are empty, of another type than a text or a number, or unknown are
        left out. Return the bindings found."""
        ids = {
            str(external_id)
            for external_id in external_ids
            if isinstance(external_id, (str, int)) and not _is_empty_id(external_id)
        }
        binder = self.binder_for(binding_model)
        bindings = self.env[binding_model].with_context(active_test=False)
        if not ids:
            return bindings.browse()
        bindings = bindings.search(
            [
                (binder._external_field, "in", sorted(ids)),
                (binder._backend_field, "=", self.backend_record.id),
            ]
        )
        bindings.fetch()
        bindings[binder._odoo_field].fetch()
        # handed to each record's importer: its dependencies found here are
        # not looked up again (they were bound before the chunk began)
        prefetched = self.__dict__.setdefault("_prefetched_bindings", {})
        for binding in bindings:
            external_id = binding[binder._external_field]
            prefetched[(binding_model, str(external_id))] = binding
        return bindings

    def _import_chunk_together(self, external_ids, remote_records, force):
        """Import the records of a chunk one after the other in one savepoint;
        return their outcomes, or ``None`` when one of them failed: then
        nothing of them is kept, and ``run_chunk`` imports them again, each
        in its own savepoint, to know which one fails.

        The ORM then writes the records' changes together (one UPDATE for
        the recomputed fields of 50 orders instead of 50, their mail
        tracking at once), and at the end of the savepoint: a failure there
        too is found again record by record. Every record keeps its import
        lock, conflicts and dependency handling: ``importer.run`` is the
        same.

        A record imported before the one that failed is imported twice: what
        it does outside the database (a call to the remote) is done twice,
        as when queue_job retries a job. An importer whose side effects must
        not be repeated sets ``_chunk_in_one_savepoint = False`` on its batch
        importer: each record then gets its own savepoint right away.
        """
        if not external_ids:
            return []
        outcomes = []
        try:
            with self.env.cr.savepoint():
                for external_id in external_ids:
                    importer = self._chunk_record_importer()
                    importer.run(
                        external_id,
                        force=force,
                        remote_record=remote_records[external_id],
                    )
                    outcomes.append(importer.outcome)
        # any failure of any record: the records are imported again one by one
        except Exception as err:  # pylint: disable=broad-exception-caught
            if self._connection_lost(err):
                raise
            _logger.info(
                "%s chunk of %s records: imported again one by one (%s)",
                self.model._name,
                len(external_ids),
                self._get_split_reason(err),
            )
            return None
        return outcomes

    def _chunk_record_importer(self):
        """The ``record.importer`` of one record of the chunk, with the
        bindings the chunk read beforehand."""
        importer = self.component(usage="record.importer")
        importer.prefetched_bindings = self.__dict__.get("_prefetched_bindings", {})
        return importer

    def _import_chunk_record(self, external_id, remote_record, force):
        """Import one record of a chunk in its own savepoint; return the
        record importer's outcome (WRITTEN...) and ``None``, or ``None`` and
        the error (a short text) that rolled it back."""
        importer = self._chunk_record_importer()
        try:
            with self.env.cr.savepoint():
                importer.run(external_id, force=force, remote_record=remote_record)
        # any failure of one record is its own job's, except a lost database
        # connection: the transaction is gone, the whole job is retried
        except Exception as err:  # pylint: disable=broad-exception-caught
            if self._connection_lost(err):
                raise
            _logger.info(
                "%s %s split out of its chunk: %s", self.model._name, external_id, err
            )
            return None, self._get_split_reason(err)
        return importer.outcome, None

    def _connection_lost(self, error):
        return isinstance(error, psycopg2.InterfaceError) or bool(
            self.env.cr._cnx.closed
        )

    def _get_split_reason(self, error):
        """The first line of ``error``, bounded (it may quote the remote)."""
        lines = str(error).strip().splitlines() or [type(error).__name__]
        return shorten_text(lines[0], 200)

    def _split_out(self, external_id, reason, force=False):
        """Enqueue ``import_record`` of one record of a chunk, named after
        the ``reason`` it left the chunk."""
        description = self.env._(
            "%(job)s (out of its chunk: %(reason)s)",
            job=self.model._get_job_description(
                "import_record", self.backend_record, external_id
            ),
            reason=reason,
        )
        kwargs = {"force": True} if force else {}
        return self.model.with_delay(
            priority=self._record_job_priority,
            identity_key=identity_exact,
            description=description,
        ).import_record(self.backend_record, external_id, **kwargs)

    def _get_chunk_message(self, outcomes, split):
        written = outcomes.count(WRITTEN)
        message = self.env._(
            "%(written)s records imported, %(other)s left as they are (up to "
            "date, skipped, gone or in conflict).",
            written=written,
            other=len(outcomes) - written,
        )
        if split:
            message += " " + self.env._(
                "In jobs of their own: %(records)s.",
                records="; ".join(
                    f"{external_id}: {reason}" for external_id, reason in split
                ),
            )
        return message
