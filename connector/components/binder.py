"""Binders: the link between external ids and Odoo bindings."""

import logging
from datetime import datetime

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.component.core import AbstractComponent

_logger = logging.getLogger(__name__)


def _is_empty_id(value) -> bool:
    """Tell whether ``value`` cannot be an external id.

    ``None``, booleans and ``""`` are empty; ``0`` is a valid id (some
    systems number their records from 0).
    """
    return value is None or isinstance(value, bool) or value == ""


# The ORM's own ``fields.Datetime.now``: when a test replaces it (mock.patch),
# sync dates follow the replacement.
_ORM_DATETIME_NOW = fields.Datetime.now


def sync_date_now():
    """The current UTC time to the second: ``fields.Datetime.now()``'s value.

    ``bind()`` stamps every binding it writes with it. The ORM's ``now()``
    drops the microseconds with ``datetime.replace``, which costs about half
    a microsecond; building the value from its parts costs a third of that.
    freezegun (which patches this module's ``datetime``) and a patched
    ``fields.Datetime.now`` are both followed.
    """
    now = fields.Datetime.now
    if now is not _ORM_DATETIME_NOW:
        return now()
    moment = datetime.now()
    return datetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second
    )


# Column types read by the binder's SQL fast path, with the Python type a
# value must have to be compared with them as the ORM would.
_SQL_TYPES = {"char": str, "integer": int, "many2one": int}
# Above this many bindings with unflushed writes, a lookup flushes them.
_MAX_PENDING_CHECKED = 32


class Binder(AbstractComponent):
    """Find the binding of an external id, or the external id of a binding.

    The field names below are meant to be overridden by connectors whose
    binding models name them differently::

        class ShopBinder(Component):
            _name = "my_shop.binder"
            _inherit = "base.binder"
            _apply_on = ["my_shop.res.partner", "my_shop.product.product"]
            _external_field = "shop_id"

        binding = binder.to_internal("42")          # my_shop.res.partner()
        partner = binder.to_internal("42", unwrap=True)  # res.partner()
        binder.bind("42", binding)
    """

    _name = "base.binder"
    _inherit = "base.connector"
    _usage = "binder"

    # Field names on the binding model; override them in a connector.
    _external_field = "external_id"
    _backend_field = "backend_id"
    _odoo_field = "odoo_id"
    _sync_date_field = "sync_date"
    # (record class, Field.__get__ of its external field) of the last
    # to_external(): a binder reads the external ids of one binding model
    _external_getter = (None, None)

    def _browse_binding(self, binding):
        """Accept a binding record or id and return the record."""
        if isinstance(binding, models.BaseModel):
            binding.ensure_one()
            return binding
        return self.model.browse(binding)

    def _search_model(self):
        """The binding model seeing inactive records (memoised: hot path)."""
        search_model = self.__dict__.get("_binder_search_model")
        if search_model is None:
            search_model = self.model.with_context(active_test=False)
            self.__dict__["_binder_search_model"] = search_model
        return search_model

    def _no_export_env(self, env):
        """``env`` with ``connector_no_export`` (memoised: bind is a hot path
        and every new environment is looked up among the transaction's)."""
        cached = self.__dict__.get("_binder_no_export_env")
        if cached is None or cached[0] is not env:
            cached = (env, env(context=dict(env.context, connector_no_export=True)))
            self.__dict__["_binder_no_export_env"] = cached
        return cached[1]

    def _binding_query(self, field_name):
        """The quoted table, then the ``field_name``, backend and id columns
        qualified by it, of the binder's SQL fast path; None when the ORM
        must search (memoised per binder: hot path). Only plain stored
        columns qualify.
        """
        queries = self.__dict__.setdefault("_binder_queries", {})
        if field_name not in queries:
            model = self.model
            field = model._fields.get(field_name)
            backend = model._fields.get(self._backend_field)
            plain = (
                field is not None
                and backend is not None
                and field.store
                and backend.store
                and field.type in _SQL_TYPES
                and backend.type == "many2one"
                and not field.company_dependent
                and not field.compute
                and not backend.compute
                and not getattr(field, "translate", False)
            )
            table = model._table
            queries[field_name] = (
                (
                    SQL.identifier(table),
                    SQL.identifier(table, field_name),
                    SQL.identifier(table, self._backend_field),
                    SQL.identifier(table, "id"),
                )
                if plain
                else None
            )
        return queries[field_name]

    def _search_bindings(self, field_name, value):
        """Bindings of the current backend whose ``field_name`` is ``value``,
        inactive ones included, in the search model's environment.

        Same result as an ORM ``search`` with ``active_test=False``, read
        with one SQL query when the value has the column's type; the ORM
        searches otherwise. The user's access rights are checked and the
        record rules of the binding model applied, as ``search`` does:
        the SQL of the rules is built once per rule domain and transaction
        (:meth:`_readable_query`), where a search rebuilds it each time.
        Writes of the two columns not flushed yet are taken into account,
        as ``search`` does.
        """
        model = self._search_model()
        query = self._binding_query(field_name)
        field_type = model._fields[field_name].type if query else None
        if query is None or type(value) is not _SQL_TYPES[field_type]:
            return self._orm_search_bindings(model, field_name, value)
        readable = None if model.env.su else self._readable_query(model)
        if readable is False:
            return model.browse()
        pending = self._pending_binding_ids(model, field_name)
        if pending and readable is not None:
            # unflushed bindings would have to pass the rules too
            return self._orm_search_bindings(model, field_name, value)
        if len(pending) > _MAX_PENDING_CHECKED:
            # cheaper to flush them at once than to check each one
            model.flush_model([field_name, self._backend_field])
            pending = ()
        table, column, backend_column, id_column = query
        # with rules, their conditions sit next to the lookup's, on the same
        # rows: PostgreSQL finds the row by its index, then checks the rules
        from_clause, where_clause = readable or (table, SQL("TRUE"))
        cr = model.env.cr
        cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE %s = %s AND %s = %s AND %s ORDER BY %s",
                id_column,
                from_clause,
                column,
                value,
                backend_column,
                self.backend_record.id,
                where_clause,
                id_column,
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        if pending:
            ids = self._merge_pending_writes(model, field_name, value, ids, pending)
        return model.browse(ids)

    def _orm_search_bindings(self, model, field_name, value):
        return model.search(
            [
                (field_name, "=", value),
                (self._backend_field, "=", self.backend_record.id),
            ]
        )

    def _readable_query(self, model):
        """``None`` when the user may read every binding, ``False`` when
        none; otherwise the FROM and WHERE clauses (``SQL``) that the user's
        record rules put on a search of the binding model.

        Raises the ORM's :class:`~odoo.exceptions.AccessError` when the user
        may not read the binding model at all. The clauses are kept per rule
        domain in the cursor's cache, emptied with the transaction's caches
        (a rollback, a savepoint rolled back): a connector job running as a
        user of a company looks a binding up several times per record, and
        building that SQL was most of a lookup's time.
        """
        model.browse().check_access("read")
        domain = model.env["ir.rule"]._compute_domain(model._name, "read")
        if domain.is_true():
            return None
        known = model.env.cr.cache.setdefault("connector_binder_rule_sql", {})
        # the rules' domain is cached by the ORM: the same object comes back
        # until the rules or the user's companies change (a domain may hold
        # unhashable values, hence its identity, the domain kept alive)
        key = (model._name, model.env.lang, id(domain))
        entry = known.get(key)
        if entry is None or entry[0] is not domain:
            # as the ORM applies the rules: as superuser, inactive records too
            rules_model = model.sudo().with_context(active_test=False)
            rules_query = rules_model._search(domain)
            if rules_query.is_empty():
                clauses = False
            else:
                clauses = (
                    rules_query.from_clause,
                    rules_query.where_clause or SQL("TRUE"),
                )
            entry = known[key] = (domain, clauses)
        return entry[1]

    def _pending_binding_ids(self, model, field_name):
        """Ids of the bindings with unflushed writes on the two columns."""
        dirty_fields = model.env._field_dirty
        fields_ = model._fields
        pending = set(dirty_fields.get(fields_[field_name], ()))
        pending.update(dirty_fields.get(fields_[self._backend_field], ()))
        return pending

    def _merge_pending_writes(self, model, field_name, value, ids, pending):
        """Correct the ids read in the database with the writes not flushed
        yet on the two columns.

        A search would flush them first; an import binds one record, then
        looks the next one up: flushing there would cost one UPDATE per
        record instead of one batched UPDATE at the end. The ``pending``
        rows are judged on their value in the cache instead.
        """
        backend_id = self.backend_record.id
        ids = [id_ for id_ in ids if id_ not in pending]
        for record in model.browse(sorted(pending)):
            found = record[field_name]
            if isinstance(found, models.BaseModel):
                found = found.id
            if found == value and record[self._backend_field].id == backend_id:
                ids.append(record.id)
        return sorted(ids)

    def to_internal(self, external_id, unwrap=False):
        """Return the binding (or with ``unwrap``, the Odoo record) of an external id.

        Inactive bindings are found too. An empty id (``None``, ``False``,
        ``True``, ``""``) or an unknown one gives an empty recordset. The
        result keeps the caller's context: the ``active_test=False`` used for
        the search does not leak into it::

            partner = binder.to_internal(external_id, unwrap=True)
            if not partner:
                ...
        """
        model = self.model
        if _is_empty_id(external_id):
            bindings = model.browse()
        else:
            bindings = self._search_bindings(self._external_field, external_id)
            if bindings:
                bindings.ensure_one()
        if unwrap:
            bindings = bindings[self._odoo_field]
        # with_env, not with_context(**ctx): the caller's context is restored
        # as it was instead of being merged with active_test=False.
        return bindings.with_env(model.env)

    def to_external(self, binding, wrap=False):
        """Return the external id of a binding (record or id).

        With ``wrap=True``, ``binding`` is the Odoo record (or its id) and its
        binding on the current backend is searched first; None is returned
        when it has none::

            external_id = binder.to_external(partner, wrap=True)
        """
        if wrap:
            record_id = binding.id if isinstance(binding, models.BaseModel) else binding
            binding = self._search_bindings(self._odoo_field, record_id)
            if not binding:
                return None
            binding.ensure_one()
        elif not isinstance(binding, models.BaseModel):
            binding = self.model.browse(binding)
        elif not binding._ids:
            binding.ensure_one()  # raises the ORM's error; so does the field
            # read below for several records
        # the field's descriptor directly, found once per record class:
        # exporters and mappers call this per record
        record_class, getter = self._external_getter
        if record_class is not type(binding):
            getter = binding._fields[self._external_field].__get__
            self._external_getter = (type(binding), getter)
        return getter(binding)

    def bind(self, external_id, binding):
        """Store the external id on the binding and stamp the sync date.

        The write carries ``connector_no_export`` so that listeners do not
        export the binding again. ``0`` is accepted; ``None``, booleans and
        ``""`` are rejected::

            binder.bind(remote["id"], binding)
        """
        assert not _is_empty_id(external_id) and binding, (
            f"external_id or binding missing, got: {external_id}, {binding}"
        )
        binding = self._browse_binding(binding)
        if not binding.env.context.get("connector_no_export"):
            binding = binding.with_env(self._no_export_env(binding.env))
        binding.write(
            {
                self._external_field: external_id,
                self._sync_date_field: sync_date_now(),
            }
        )

    def unwrap_binding(self, binding):
        """Return the Odoo record wrapped by a binding (record or id)."""
        return self._browse_binding(binding)[self._odoo_field]

    def unwrap_model(self):
        """Return the name of the Odoo model wrapped by the binding model.

        Raises ValueError when the binding model has no ``_odoo_field``.
        """
        try:
            column = self.model._fields[self._odoo_field]
        except KeyError as err:
            raise ValueError(
                f"Cannot unwrap model {self.model._name}, because it has no "
                f"{self._odoo_field} fields"
            ) from err
        return column.comodel_name
