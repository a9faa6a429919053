"""What the resources share: request :class:`Context`, listing, posts and trash."""

import math
from typing import ClassVar

from ..errors import ApiError, invalid_params
from ..params import Params

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "state",
    "postcode",
    "country",
)
BILLING_FIELDS = ADDRESS_FIELDS + ("email", "phone")
SHIPPING_FIELDS = ADDRESS_FIELDS + ("phone",)


class Context:
    """One request: rendering options and the webhook events its writes produced."""

    def __init__(self, api, edit=False, dp=2):
        self.api = api
        self.edit = edit
        self.dp = dp
        self.events = []

    def emit(self, resource, event, record_id):
        if (resource, event, record_id) not in self.events:
            self.events.append((resource, event, record_id))


def _dated(record, out):
    for name in ("date_created", "date_modified"):
        out[name] = record.get(name)
        out[name + "_gmt"] = record.get(name)
    return out


def _address(current, incoming, fields):
    result = {field: (current or {}).get(field, "") for field in fields}
    for field in fields:
        if field in (incoming or {}):
            value = incoming[field]
            result[field] = (
                value if value is None or isinstance(value, str) else str(value)
            )
    return result


def _check_address(body, name):
    if name in body and not isinstance(body[name], dict):
        raise invalid_params(
            {name: f"{name} is not of type object."}, {name: "rest_invalid_type"}
        )


def _date_bound(column, value, later):
    """Strict comparison at one-second resolution, like ``WP_Date_Query``."""
    if later:
        return lambda record: (record.get(column) or "") > value
    return lambda record: (record.get(column) or "9") < value


def _equals(field, value):
    return lambda record: record.get(field) == value


def _by_include(order_ids):
    positions = {record_id: index for index, record_id in enumerate(order_ids or [])}
    return lambda record: positions.get(record["id"], len(positions))


class Resource:
    """What every resource shares: lookup, listing pipeline, links."""

    kind = ""
    path = ""
    singular = ""
    invalid_id_code = ""
    invalid_id_message = "Invalid ID."
    get_missing_status = 404
    update_missing_status = 400
    delete_missing_status = 404
    exists_code = ""
    exists_message = "Cannot create existing resource."
    default_order = "asc"
    default_orderby = "id"
    orderby_keys: ClassVar[dict] = {}
    schema: ClassVar[dict] = {}

    def __init__(self, api):
        self.api = api
        self.store = api.store

    # -- lookup and links --------------------------------------------------------------
    def get(self, record_id):
        return self.store.get(self.kind, record_id)

    def find(self, record_id, status):
        record = self.get(record_id)
        if record is None:
            raise ApiError(status, self.invalid_id_code, self.invalid_id_message)
        return record

    def href(self, record_id=None):
        base = f"{self.api.rest_url}/{self.path}"
        return base if record_id is None else f"{base}/{record_id}"

    def links(self, record):
        return {
            "self": [{"href": self.href(record["id"])}],
            "collection": [{"href": self.href()}],
        }

    # -- listing -----------------------------------------------------------------------
    def list(self, params: Params):
        """``(records of the page, total, total pages, page)`` for a list request."""
        page = params.integer("page", 1, minimum=1)
        per_page = params.integer("per_page", 10, minimum=1, maximum=100)
        offset = params.integer("offset", None, minimum=0)
        order = params.enum("order", ("asc", "desc"), self.default_order)
        orderby = params.enum(
            "orderby", tuple(self.orderby_keys) + ("include",), self.default_orderby
        )
        include = params.id_list("include")
        exclude = params.id_list("exclude")
        search = (params.string("search") or "").strip().lower()
        predicates = self.filters(params)
        params.check()
        if include:  # an empty list filters nothing, as in WordPress
            predicates.append(lambda record: record["id"] in include)
        if exclude:
            predicates.append(lambda record: record["id"] not in exclude)
        if search:
            predicates.append(lambda record: search in self.search_text(record).lower())
        records = [
            record
            for record in self.store.all(self.kind)
            if all(check(record) for check in predicates)
        ]
        key = _by_include(include) if orderby == "include" else self.sort_key(orderby)
        records.sort(
            key=lambda record: (key(record), record["id"]),
            reverse=order == "desc" and orderby != "include",
        )
        total = len(records)
        start = offset if offset is not None else (page - 1) * per_page
        return (
            records[start : start + per_page],
            total,
            math.ceil(total / per_page),
            page,
        )

    def sort_key(self, orderby):
        """The key function sorting by ``orderby`` (ties are broken by id)."""
        return self.orderby_keys[orderby]

    def filters(self, params: Params) -> list:
        """Predicates for the resource's own list parameters (meant to be extended)."""
        return []

    def search_text(self, record) -> str:
        return ""

    def _check_no_id(self, body):
        if "id" in body:
            raise ApiError(400, self.exists_code, self.exists_message)


class PostResource(Resource):
    """Products and orders: posts with dates, trash and the CRUD filters."""

    default_order = "desc"
    default_orderby = "date"
    statuses = ()
    any_excludes = ("trash", "auto-draft")
    topic = ""
    already_trashed_message = ""

    def filters(self, params):
        # The site timezone is UTC, so the local and the GMT columns hold the same
        # values; the parameter is still validated like WordPress does.
        params.boolean("dates_are_gmt", False)
        created, modified = ("date_created", "date_modified")
        predicates = []
        for name, column, later in (
            ("after", created, True),
            ("before", created, False),
            ("modified_after", modified, True),
            ("modified_before", modified, False),
        ):
            value = params.date(name)
            if value is not None:
                predicates.append(_date_bound(column, value, later))
        parent = params.id_list("parent")
        if parent:
            predicates.append(lambda record: record.get("parent_id", 0) in parent)
        parent_exclude = params.id_list("parent_exclude")
        if parent_exclude:
            predicates.append(
                lambda record: record.get("parent_id", 0) not in parent_exclude
            )
        return predicates

    def _status_filter(self, statuses):
        if "any" in statuses:
            return lambda record: record["status"] not in self.any_excludes
        return lambda record: record["status"] in statuses

    def delete(self, record, force, ctx):
        """Trash (default) or delete permanently; answer the record as it was before."""
        before = self.render(record, ctx)
        if force:
            self.store.delete(self.kind, record["id"])
            self.after_force_delete(record)
            return before
        if record["status"] == "trash":
            raise ApiError(
                410, "woocommerce_rest_already_trashed", self.already_trashed_message
            )
        trashed = dict(
            record,
            status="trash",
            trashed_status=record["status"],
            date_modified=self.store.now(),
        )
        self.store.put(self.kind, trashed)
        ctx.emit(self.topic, "deleted", record["id"])
        return before

    def after_force_delete(self, record):
        """Hook run after a permanent delete."""
