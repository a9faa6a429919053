"""Mappers: transform an external record into Odoo values and back.

A mapper declares how each target field is computed:

* ``direct``: ``(source, target)`` pairs, where the source is a field name
  or a *modifier* (:func:`convert`, :func:`none`, :func:`external_to_m2o`,
  :func:`m2o_to_external`, :func:`follow_m2o_relations`, or your own);
* methods decorated with :func:`mapping`, returning a dict of values,
  optionally restricted with :func:`only_create` and :func:`changed_by`;
* ``children``: ``(source, target, child model)`` triples mapped by the
  child model's mapper through a ``MapChild`` component.

::

    class DemoShopOrderImportMapper(Component):
        _name = "demo.shop.sale.order.import.mapper"
        _inherit = "base.import.mapper"
        _apply_on = "demo.shop.sale.order"

        direct = [
            ("number", "client_order_ref"),
            (convert("total", float), "shop_total"),
            (none("customer_note"), "note"),
        ]
        children = [
            ("line_items", "demo_shop_order_line_ids", "demo.shop.sale.order.line")
        ]

        @mapping
        def name(self, record):
            return {"name": f"{record['first_name']} {record['last_name']}"}

        @only_create
        @mapping
        def customer_rank(self, record):
            return {"customer_rank": 1}

    values = mapper.map_record(record).values(for_create=True)

The mapping definitions of a mapper are computed once, when the component
is built, so mapping a record only runs the mappings.
"""

import hashlib
import json
import logging
from collections import namedtuple
from collections.abc import Mapping
from datetime import datetime, timezone

from odoo import models

from odoo.addons.component.core import AbstractComponent
from odoo.addons.component.exception import NoComponentError

from ..exception import MappingError
from .binder import _is_empty_id

_logger = logging.getLogger(__name__)

__all__ = [
    "ExportMapChild",
    "ExportMapper",
    "ImportMapChild",
    "ImportMapper",
    "MapChild",
    "MapOptions",
    "MapRecord",
    "Mapper",
    "MappingDefinition",
    "backend_to_m2o",
    "changed_by",
    "convert",
    "external_to_m2o",
    "follow_m2o_relations",
    "m2o_to_backend",
    "m2o_to_external",
    "mapping",
    "none",
    "only_create",
]

# Errors that reveal a malformed source record (a missing key, a value of
# the wrong type, None where a dict is expected) rather than a bug in the
# connector's configuration; they are reported as MappingError.
_DATA_ERRORS = (KeyError, IndexError, TypeError, AttributeError)


# Kinds of steps of a direct plan (see Mapper._direct_steps).
_CALL = "call"
_READ = "read"
_DELEGATE = "delegate"


# Decorators --------------------------------------------------------------


def parse_remote_date(value):
    """An ISO 8601 date (text or datetime) as a naive UTC datetime, or None."""
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as err:
            raise MappingError(f"{value!r} is not an ISO 8601 date.") from err
    if value.tzinfo:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def remote_fingerprint(record):
    """A digest (32 hexadecimal characters) of a remote record as read: the
    same for the same contents whatever the order of its keys, another one
    as soon as a value changes.

    Remote dates are often to the second; two versions of a record within
    one second have one date and two fingerprints::

        remote_fingerprint({"id": 7, "name": "Alpha"})
        # == remote_fingerprint({"name": "Alpha", "id": 7})
    """
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def mapping(func):
    """Declare a mapping method: it receives the source record and returns
    a dict of values (or None/empty for nothing)::

        @mapping
        def name(self, record):
            return {"name": record["title"].strip()}
    """
    func.is_mapping = True
    return func


def changed_by(*args):
    """Declare the source fields a mapping method reads.

    When a mapper is asked for some ``fields`` only (partial export), the
    method runs only if one of them is among ``args``; a method without
    ``changed_by`` always runs::

        @changed_by("street", "city")
        @mapping
        def address(self, record):
            return {"address": f"{record.street}, {record.city}"}
    """

    def register_changed_by(func):
        func.changed_by = args
        return func

    return register_changed_by


def only_create(func):
    """Run a mapping method only when the values are for a creation.

    Put it above ``@mapping``::

        @only_create
        @mapping
        def company(self, record):
            return {"company_id": self.backend_record.company_id.id}
    """
    func.only_create = True
    return func


# Modifiers ---------------------------------------------------------------
# A modifier returns a closure ``modifier(self, record, to_attr)``, ``self``
# being the mapper. Every closure keeps a free variable named ``field``:
# Mapper._direct_source_field_name reads it to know the source field.


def _source_label(record):
    """Describe a source record in an error message."""
    if isinstance(record, models.BaseModel):
        return f"{record._name}{record.ids}"
    if isinstance(record, Mapping) and "id" in record:
        return f"external record with id {record['id']!r}"
    text = repr(record)
    return text if len(text) <= 80 else f"{text[:77]}..."


def _type_name(conv_type):
    return getattr(conv_type, "__name__", repr(conv_type))


def none(field):
    """Replace a falsy value by None (the ORM would store False otherwise).

    ``field`` is a source field name or another modifier::

        direct = [(none("phone"), "phone"), (none(convert("qty", float)), "qty")]
    """

    def modifier(self, record, to_attr):
        if callable(field):
            result = field(self, record, to_attr)
        else:
            result = record[field]
        if not result:
            return None
        return result

    return modifier


def convert(field, conv_type):
    """Convert the source value with ``conv_type`` (a falsy value gives False).

    A value that ``conv_type`` rejects raises
    :class:`~odoo.addons.connector.exception.MappingError` naming the field
    and the value::

        direct = [(convert("price", float), "list_price")]
    """

    def modifier(self, record, to_attr):
        value = record[field]
        if not value:
            return False
        try:
            return conv_type(value)
        except (TypeError, ValueError) as err:
            raise MappingError(
                f"{self._name}: cannot convert field {field!r} of "
                f"{_source_label(record)} with {_type_name(conv_type)}: "
                f"invalid value {value!r} ({err})"
            ) from err

    return modifier


def _is_many2one_field(model, field_name):
    # .get: a mapper may produce keys that are not fields (read by finalize)
    column = model._fields.get(field_name)
    return column is not None and column.type == "many2one"


def _many2one_column(mapper, field_name):
    column = mapper.model._fields[field_name]
    if column.type != "many2one":
        raise ValueError(
            f"The column {field_name} should be a Many2one, got {column.type}"
        )
    return column


def m2o_to_external(field, binding=None):
    """Export mapping of a many2one: the external id of the related record.

    With ``binding`` (a binding model name), the related record is a normal
    Odoo record and its binding on the backend is looked up::

        direct = [
            (m2o_to_external("country_id", binding="shop.res.country"), "country"),
        ]
    """

    def modifier(self, record, to_attr):
        if not record[field]:
            return False
        column = _many2one_column(self, field)
        rel_id = record[field].id
        binding_model = binding or column.comodel_name
        wrap = bool(binding)
        value = self.binder_for(binding_model).to_external(rel_id, wrap=wrap)
        # 0 is a valid external id (the binder accepts it too)
        if _is_empty_id(value):
            raise MappingError(
                f"Can not find an external id for record {rel_id} in model "
                f"{binding_model} {'with' if wrap else 'without'} wrapping"
            )
        return value

    return modifier


def external_to_m2o(field, binding=None):
    """Import mapping of a many2one: the Odoo id of an external id.

    Without ``binding`` the target field points to a binding model; with
    ``binding`` it points to the normal Odoo model, found by unwrapping the
    binding::

        direct = [
            (external_to_m2o("country", binding="shop.res.country"), "country_id"),
        ]
    """

    def modifier(self, record, to_attr):
        external_id = record[field]
        if not external_id:
            return False
        column = _many2one_column(self, to_attr)
        binding_model = binding or column.comodel_name
        unwrap = bool(binding)
        value = self.binder_for(binding_model).to_internal(external_id, unwrap=unwrap)
        if not value:
            raise MappingError(
                f"Can not find an existing {binding_model} for external record "
                f"{external_id} {'with' if unwrap else 'without'} unwrapping"
            )
        if isinstance(value, models.BaseModel):
            return value.id
        _logger.debug(
            "Binder for %s returned a value that is not a recordset: %r",
            binding_model,
            value,
        )
        return value

    return modifier


def follow_m2o_relations(field):
    """Read a value through a dotted path of relations.

    For instance::

        direct = [(follow_m2o_relations("parent_id.name"), "parent_name")]
    """

    def modifier(self, record, to_attr):
        value = record
        for attr in field.split("."):
            value = getattr(value, attr)
        return value

    return modifier


# Names of the first API generation, still found in ported connectors.
backend_to_m2o = external_to_m2o
m2o_to_backend = m2o_to_external


# Map children ------------------------------------------------------------


class MapChild(AbstractComponent):
    """Map the sub-items of a record (order lines, addresses...).

    The parent mapper asks it for the values of its ``children`` items;
    override :meth:`skip_item` to drop some of them and
    :meth:`format_items` to change how they are written::

        class ShopLineMapChild(Component):
            _name = "my_shop.line.map.child"
            _inherit = "base.map.child.import"
            _apply_on = "my_shop.sale.order.line"

            def skip_item(self, map_record):
                return map_record.source.get("quantity") == 0
    """

    _name = "base.map.child"
    _inherit = "base.connector"

    def _child_mapper(self):
        raise NotImplementedError

    def _memoized_child_mapper(self):
        # One child mapper per MapChild instance: the lookup would otherwise
        # run once per parent record.
        child_mapper = self.__dict__.get("_map_child_mapper")
        if child_mapper is None:
            child_mapper = self.__dict__["_map_child_mapper"] = self._child_mapper()
        return child_mapper

    def skip_item(self, map_record):
        """Return True to drop an item; ``map_record.parent`` is the parent."""
        return False

    def get_items(self, items, parent, to_attr, options):
        """Return the formatted values of ``items``, mapped for ``parent``.

        Items whose mapped values are empty are dropped.
        """
        mapper = self._memoized_child_mapper()
        mapped = []
        for item in items:
            map_record = mapper.map_record(item, parent=parent)
            if self.skip_item(map_record):
                continue
            item_values = self.get_item_values(map_record, to_attr, options)
            if item_values:
                mapped.append(item_values)
        return self.format_items(mapped)

    def get_item_values(self, map_record, to_attr, options):
        """Values of one item; the parent's options (``for_create``,
        ``fields``, custom ones) are passed on."""
        return map_record.values(**options)

    def format_items(self, items_values):
        """Format the list of item values for the parent's target field."""
        return items_values


class ImportMapChild(AbstractComponent):
    """Map child items on import, as one2many creation commands."""

    _name = "base.map.child.import"
    _inherit = "base.map.child"
    _usage = "import.map.child"

    def _child_mapper(self):
        return self.component(usage="import.mapper")

    def format_items(self, items_values):
        """Return ``(0, 0, values)`` commands, one per item."""
        return [(0, 0, values) for values in items_values]


class ExportMapChild(AbstractComponent):
    """Map child items on export, as a list of dicts."""

    _name = "base.map.child.export"
    _inherit = "base.map.child"
    _usage = "export.map.child"

    def _child_mapper(self):
        return self.component(usage="export.mapper")


# Mappers -----------------------------------------------------------------

MappingDefinition = namedtuple("MappingDefinition", ["changed_by", "only_create"])


class Mapper(AbstractComponent):
    """Base of the import and export mappers (see the module docstring)."""

    _name = "base.mapper"
    _inherit = "base.connector"
    _usage = "mapper"

    # Meant to be overridden: a list of (source or modifier, target); may
    # also be a property.
    direct = []
    # Meant to be overridden: a list of (source, target, child model name).
    children = []

    # Filled when the component is built: method name -> MappingDefinition.
    _map_methods = None
    # Usage of the MapChild components, and the component used when the
    # child model has none.
    _map_child_usage = None
    _map_child_fallback = None

    @classmethod
    def _build_mapper_component(cls):
        """Merge the mapping definitions of the bases into ``_map_methods``.

        Definitions are copied, never updated in place: a child mapper
        cannot change the ``changed_by`` of its parents.
        """
        map_methods = {}
        for base in reversed(cls.__bases__):
            if hasattr(base, "_map_methods"):
                # a built component: its definitions are already merged
                for name, definition in (base._map_methods or {}).items():
                    existing = map_methods.get(name)
                    if existing is None:
                        map_methods[name] = MappingDefinition(
                            set(definition.changed_by), definition.only_create
                        )
                    else:
                        map_methods[name] = MappingDefinition(
                            existing.changed_by | definition.changed_by,
                            definition.only_create or existing.only_create,
                        )
                continue
            # a Python class: collect its decorated methods
            for attr_name in dir(base):
                attr = getattr(base, attr_name, None)
                if not getattr(attr, "is_mapping", False):
                    continue
                existing = map_methods.get(attr_name)
                changed = set(getattr(attr, "changed_by", None) or ())
                if existing is not None:
                    changed |= existing.changed_by
                map_methods[attr_name] = MappingDefinition(
                    changed, getattr(attr, "only_create", False)
                )
        cls._map_methods = map_methods
        # The plan the hot loop runs: (name, changed_by, only_create, label).
        cls._map_methods_plan = tuple(
            (
                name,
                frozenset(definition.changed_by),
                definition.only_create,
                f"{name}()",
            )
            for name, definition in map_methods.items()
        )
        cls._direct_plan_cache = {}
        # How the stock _map_direct reads a plain source, inlined by
        # _apply_with_options; None when _map_direct is overridden.
        cls._direct_reader = _DIRECT_READERS.get(getattr(cls, "_map_direct", None))

    @classmethod
    def _complete_component_build(cls):
        result = super()._complete_component_build()
        cls._build_mapper_component()
        return result

    def __init__(self, work):
        super().__init__(work)
        self._options = None
        self._map_child_components = {}
        self._instance_direct_plan = None

    def _map_direct(self, record, from_attr, to_attr):
        """Value of one ``direct`` entry; implemented by import/export mappers."""
        raise NotImplementedError

    def _map_children(self, record, attr, model):
        raise NotImplementedError

    @property
    def map_methods(self):
        """Yield ``(bound method, MappingDefinition)`` for each mapping method."""
        for name, definition in self._map_methods.items():
            yield getattr(self, name), definition

    def _get_map_child_component(self, model_name):
        components = self._map_child_components
        component = components.get(model_name)
        if component is None:
            try:
                component = self.component(
                    usage=self._map_child_usage, model_name=model_name
                )
            except NoComponentError:
                assert self._map_child_fallback is not None, (
                    "_map_child_fallback required"
                )
                component = self.component_by_name(
                    self._map_child_fallback, model_name=model_name
                )
            components[model_name] = component
        return component

    def _map_child(self, map_record, from_attr, to_attr, model_name):
        """Map the children items of ``from_attr`` with the child model's mapper."""
        assert self._map_child_usage is not None, "_map_child_usage required"
        child_records = map_record.source[from_attr]
        if child_records is None or child_records is False:
            # an external "lines": null means no lines
            child_records = ()
        elif isinstance(child_records, str | bytes | Mapping) or not hasattr(
            child_records, "__iter__"
        ):
            raise MappingError(
                f"{self._name}: the children field {from_attr!r} of "
                f"{_source_label(map_record.source)} must be a list, got "
                f"{type(child_records).__name__}: {child_records!r}"
            )
        child = self._get_map_child_component(model_name)
        return child.get_items(child_records, map_record, to_attr, options=self.options)

    def _mapping_options(self, options):
        """Context manager setting the options of the mapping in progress."""
        return _MappingOptions(self, options)

    @property
    def options(self):
        """The options of the mapping in progress (a :class:`MapOptions`)."""
        return self._options

    def changed_by_fields(self):
        """Return the source fields this mapper reads (direct and ``changed_by``).

        Children are not included. Useful to export only when a relevant
        field changed::

            if fields and not set(fields) & mapper.changed_by_fields():
                return  # nothing to export
        """
        result = {
            self._direct_source_field_name(from_attr) for from_attr, __ in self.direct
        }
        for __, changed, __, __ in self._map_methods_plan:
            result |= changed
        return result

    def _direct_source_field_name(self, direct_entry):
        """Return the source field name of a ``direct`` entry (seeing through
        modifiers)."""
        mapping_attr = direct_entry
        if not callable(mapping_attr):
            return mapping_attr
        closure = dict(
            zip(
                mapping_attr.__code__.co_freevars,
                (cell.cell_contents for cell in (mapping_attr.__closure__ or ())),
                strict=True,
            )
        )
        assert "field" in closure, "Modifier without 'field' argument."
        field = closure["field"]
        if callable(field):
            return self._direct_source_field_name(field)
        return field

    def _direct_plan(self):
        """``(source, target, source field name)`` for each direct entry.

        Computed once per ``direct`` list (class attribute or property
        result kept alive by the class), since resolving modifiers is the
        costly part.
        """
        direct = self.direct
        cache = self._direct_plan_cache
        key = id(direct)
        plan = cache.get(key)
        if plan is None or plan[0] is not direct or plan[1] != len(direct):
            entries = tuple(
                (from_attr, to_attr, self._direct_source_field_name(from_attr))
                for from_attr, to_attr in direct
            )
            plan = (direct, len(direct), entries)
            if len(cache) > 64:
                # a property building a new list at each call: do not grow
                cache.clear()
            cache[key] = plan
        return plan[2]

    def _direct_steps(self):
        """The direct plan of this mapper instance, with how to run each entry:
        ``(source, target, source field name, kind)``.

        ``kind`` is ``_CALL`` (a modifier), ``_READ`` (a plain value read
        inline) or ``_DELEGATE`` (``_map_direct``: overridden, or a many2one
        resolved through a binder). Whether a field is a many2one depends on
        the work model, hence a plan per instance.
        """
        direct = self.direct
        cached = self._instance_direct_plan
        if cached is not None and cached[0] is direct and cached[1] == len(direct):
            return cached[2]
        reader = self._direct_reader
        steps = []
        for from_attr, to_attr, source_name in self._direct_plan():
            if reader is None:
                kind = _DELEGATE
            elif callable(from_attr):
                kind = _CALL
            elif _is_many2one_field(
                self.model, to_attr if reader == "get" else from_attr
            ):
                kind = _DELEGATE
            else:
                kind = _READ
            steps.append((from_attr, to_attr, source_name, kind))
        steps = tuple(steps)
        self._instance_direct_plan = (direct, len(direct), steps)
        return steps

    def map_record(self, record, parent=None):
        """Wrap ``record`` in a :class:`MapRecord` for this mapper."""
        return MapRecord(self, record, parent=parent)

    def _apply(self, map_record, options=None):
        if options is None:
            options = MapOptions()
        previous = self._options
        self._options = options
        try:
            return self._apply_with_options(map_record)
        finally:
            self._options = previous

    def _bound_map_methods(self, for_create):
        """``(bound method, changed_by, label)`` of the mapping methods to run
        for a creation or an update (memoised per instance)."""
        cached = self.__dict__.get("_mapper_bound_methods")
        if cached is None:
            every = tuple(
                (getattr(self, name), changed, only, label)
                for name, changed, only, label in self._map_methods_plan
            )
            cached = (
                tuple((meth, changed, label) for meth, changed, __, label in every),
                tuple(
                    (meth, changed, label)
                    for meth, changed, only, label in every
                    if not only
                ),
            )
            self.__dict__["_mapper_bound_methods"] = cached
        return cached[0] if for_create else cached[1]

    def _apply_with_options(self, map_record):
        options = self._options
        assert options is not None, "options should be defined with '_mapping_options'"
        fields = options.get("fields")
        steps = self._direct_steps()
        methods = self._bound_map_methods(options.get("for_create"))
        children = self.children
        if fields:
            fields = set(fields)
            steps = [step for step in steps if step[2] in fields]
            # a method without changed_by always runs
            methods = [
                method
                for method in methods
                if not method[1] or not fields.isdisjoint(method[1])
            ]
            children = [child for child in children if child[0] in fields]
        source = map_record._source
        by_key = self._direct_reader == "get"
        result = {}
        current = None
        try:
            # try/except costs nothing without an error (Python 3.11+); the
            # loop variables say which entry failed.
            for from_attr, to_attr, source_name, kind in steps:
                current = source_name
                if kind is _READ:
                    # the stock _map_direct, inlined: a falsy value gives False
                    value = source.get(from_attr) if by_key else source[from_attr]
                    result[to_attr] = value if value else False
                elif kind is _CALL:
                    result[to_attr] = from_attr(self, source, to_attr)
                else:
                    result[to_attr] = self._map_direct(source, from_attr, to_attr)
            for method, __, label in methods:
                current = label
                values = method(source)
                if not values:
                    continue
                if not isinstance(values, dict):
                    # ValueError, not TypeError: connectors catch what OCA raises
                    raise ValueError(  # noqa: TRY004
                        f"{values}: invalid return value for the mapping method "
                        f"{method}"
                    )
                result.update(values)
            for from_attr, to_attr, model_name in children:
                current = from_attr
                result[to_attr] = self._map_child(
                    map_record, from_attr, to_attr, model_name
                )
        except _DATA_ERRORS as err:
            raise MappingError(
                f"{self._name}: cannot map {current!r} of {_source_label(source)}: "
                f"{type(err).__name__}: {err}"
            ) from err
        return self.finalize(map_record, result)

    def finalize(self, map_record, values):
        """Last hook on the mapped values; override to add or adjust keys."""
        return values

    def _is_many2one(self, field_name):
        # read on every direct mapping of every record: remember the answer
        # per mapper instance instead of asking the model's fields each time
        cache = self.__dict__.get("_mapper_m2o_cache")
        if cache is None:
            cache = self.__dict__["_mapper_m2o_cache"] = {}
        is_m2o = cache.get(field_name)
        if is_m2o is None:
            is_m2o = cache[field_name] = _is_many2one_field(self.model, field_name)
        return is_m2o


class _MappingOptions:
    """Context manager behind ``Mapper._mapping_options`` (restores the
    previous options even when the mapping fails)."""

    __slots__ = ("mapper", "options", "previous")

    def __init__(self, mapper, options):
        self.mapper = mapper
        self.options = options

    def __enter__(self):
        self.previous = self.mapper._options
        self.mapper._options = self.options

    def __exit__(self, *exc_info):
        self.mapper._options = self.previous


class ImportMapper(AbstractComponent):
    """Map an external record (a dict) to Odoo values.

    A plain ``direct`` source reads ``record.get(source)``: a missing key or
    a falsy value gives False. A many2one target is resolved with
    :func:`external_to_m2o` (the related model is taken as a binding).
    """

    _name = "base.import.mapper"
    _inherit = "base.mapper"
    _usage = "import.mapper"

    _map_child_usage = "import.map.child"
    _map_child_fallback = "base.map.child.import"

    def _map_direct(self, record, from_attr, to_attr):
        if callable(from_attr):
            return from_attr(self, record, to_attr)
        value = record.get(from_attr)
        if not value:
            return False
        if self._is_many2one(to_attr):
            value = external_to_m2o(from_attr)(self, record, to_attr)
        return value


class BindingImportMapper(AbstractComponent):
    """Import mapper of a binding imported by its own importer: maps the
    backend and the remote modification date (``_remote_date_key`` of the
    record into the binding field ``_remote_date_field``)::

        class DemoShopImportMapper(AbstractComponent):
            _name = "demo.shop.import.mapper"
            _inherit = ["base.binding.import.mapper", "demo.shop.base"]
            _remote_date_key = "date_modified_gmt"
            _remote_date_field = "shop_date_modified"
    """

    _name = "base.binding.import.mapper"
    _inherit = "base.import.mapper"

    # meant to be overridden: binding field of the backend; key and field of
    # the remote modification date (None: not mapped)
    _backend_field = "backend_id"
    _remote_date_key = None
    _remote_date_field = None

    @mapping
    def backend_id(self, record):
        return {self._backend_field: self.backend_record.id}

    @mapping
    def remote_date(self, record):
        if not (self._remote_date_key and self._remote_date_field):
            return None
        value = record.get(self._remote_date_key)
        return {self._remote_date_field: parse_remote_date(value)}

    def _find_country(self, code):
        """The country of an ISO 3166 code (any case), or an empty recordset."""
        if not code:
            return self.env["res.country"]
        return self.env["res.country"].search([("code", "=", code.upper())], limit=1)

    def _find_state(self, country, code):
        """The state of ``country`` with ``code`` (any case), or an empty
        recordset: a free name or an unknown code is left out."""
        if not (country and code):
            return self.env["res.country.state"]
        return self.env["res.country.state"].search(
            [("country_id", "=", country.id), ("code", "=ilike", code)], limit=1
        )


class ExportMapper(AbstractComponent):
    """Map an Odoo record to the values sent to the backend.

    A plain ``direct`` source reads ``record[source]``: a falsy value gives
    False. A many2one source is replaced by the external id of the related
    binding with :func:`m2o_to_external`.
    """

    _name = "base.export.mapper"
    _inherit = "base.mapper"
    _usage = "export.mapper"

    _map_child_usage = "export.map.child"
    _map_child_fallback = "base.map.child.export"

    def _map_direct(self, record, from_attr, to_attr):
        if callable(from_attr):
            return from_attr(self, record, to_attr)
        value = record[from_attr]
        if not value:
            return False
        if self._is_many2one(from_attr):
            value = m2o_to_external(from_attr)(self, record, to_attr)
        return value


# Stock implementations of _map_direct that _apply_with_options may inline:
# "get" reads record.get(source), "item" reads record[source].
_DIRECT_READERS = {
    ImportMapper._map_direct: "get",
    ExportMapper._map_direct: "item",
}


class MapRecord:
    """A source record bound to a mapper, ready to give its values.

    Values forced with :meth:`update` win over the mapped ones::

        map_record = mapper.map_record(record)
        map_record.update(active=True)
        values = map_record.values(for_create=True)
    """

    def __init__(self, mapper, source, parent=None):
        self._source = source
        self._mapper = mapper
        self._parent = parent
        self._forced_values = {}

    @property
    def source(self):
        """The record being mapped."""
        return self._source

    @property
    def parent(self):
        """The parent's MapRecord when this record is a child item."""
        return self._parent

    def values(self, for_create=None, fields=None, **kwargs):
        """Return the mapped values.

        :param for_create: also run the ``@only_create`` mappings
        :param fields: map only these source fields (and the methods whose
            ``changed_by`` matches them, or who have none)
        :param kwargs: custom options, read in mappings as ``self.options.<name>``
        """
        options = MapOptions(for_create=for_create, fields=fields, **kwargs)
        values = self._mapper._apply(self, options=options)
        if self._forced_values:
            values.update(self._forced_values)
        return values

    def update(self, *args, **kwargs):
        """Force values (dict.update semantics); they override the mapping."""
        self._forced_values.update(*args, **kwargs)


class MapOptions(dict):
    """Options of a mapping: a dict readable by attribute; missing keys
    (and attributes) read as None::

        options = MapOptions(for_create=True)
        options.for_create   # True
        options.tax_included  # None
    """

    def __getitem__(self, key):
        return self.get(key)

    def __getattr__(self, key):
        return self.get(key)

    def __setattr__(self, key, value):
        self[key] = value
