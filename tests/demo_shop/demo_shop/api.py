"""The ``/wp-json/wc/v3`` API: routing, auth, permissions, pagination headers, batch.

Independent of HTTP plumbing: :meth:`ShopApi.handle` takes an :class:`ApiRequest` and
returns an :class:`ApiResponse` (status, JSON payload, headers and the webhook events to
deliver after the response has been sent).
"""

import base64
import binascii
import hmac
import ipaddress
import json
import logging
import re
import urllib.parse
from dataclasses import dataclass, field

from . import oauth, resources
from .errors import ApiError, invalid_json, invalid_params, no_route
from .oauth import oauth_parameters
from .params import Params, to_int

_logger = logging.getLogger(__name__)

BATCH_LIMIT = 100

_ROUTE_RE = re.compile(
    r"^/wc/v3/(customers|products/categories|products|orders|webhooks|taxes)"
    r"(?:/(batch|[0-9]+))?/?$"
)
# Resources under a parent record: (parent path, child) -> resource key.
_NESTED_RE = re.compile(
    r"^/wc/v3/(products|orders)/([0-9]+)/(variations|refunds)(?:/(batch|[0-9]+))?/?$"
)
_NESTED = {
    ("products", "variations"): "products/variations",
    ("orders", "refunds"): "orders/refunds",
}

# (target, HTTP method) -> action; WordPress "EDITABLE" is POST, PUT and PATCH.
_ACTIONS = {
    ("collection", "GET"): "list",
    ("collection", "HEAD"): "list",
    ("collection", "POST"): "create",
    ("item", "GET"): "read",
    ("item", "HEAD"): "read",
    ("item", "POST"): "update",
    ("item", "PUT"): "update",
    ("item", "PATCH"): "update",
    ("item", "DELETE"): "delete",
    ("batch", "POST"): "batch",
    ("batch", "PUT"): "batch",
    ("batch", "PATCH"): "batch",
}

# The permission error each endpoint answers to an anonymous (401) or incapable (403)
# caller.
PERMISSION_ERRORS = {
    "list": ("woocommerce_rest_cannot_view", "Sorry, you cannot list resources."),
    "read": ("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."),
    "create": (
        "woocommerce_rest_cannot_create",
        "Sorry, you are not allowed to create resources.",
    ),
    "update": (
        "woocommerce_rest_cannot_edit",
        "Sorry, you are not allowed to edit this resource.",
    ),
    "delete": (
        "woocommerce_rest_cannot_delete",
        "Sorry, you are not allowed to delete this resource.",
    ),
    "batch": (
        "woocommerce_rest_cannot_batch",
        "Sorry, you are not allowed to batch manipulate this resource.",
    ),
}


@dataclass
class ApiRequest:
    """What the API needs from an HTTP request."""

    method: str
    route: str  # e.g. "/wc/v3/orders/12"
    query_pairs: list
    body: bytes = b""
    authorization: str = ""
    client_ip: str = "127.0.0.1"
    url_path: str = "/"  # the path as requested, for the Link header
    host: str = ""  # the Host header: OAuth signatures cover the URL the client used
    # Reads the body on first use, so that a request refused by authentication,
    # permissions or routing is answered without reading it.
    body_reader: object = None
    body_read: bool = False

    def read_body(self) -> bytes:
        if self.body_reader is not None and not self.body_read:
            self.body = self.body_reader()
        self.body_read = True
        return self.body


@dataclass
class ApiResponse:
    status: int
    payload: object
    headers: list = field(default_factory=list)
    events: list = field(default_factory=list)


# Record ids are SQLite integers: longer digit strings name no record.
MAX_ID_DIGITS = 18


def parse_id(digits: str) -> int:
    """The record id in a path; 0 (no record) when too long to be one."""
    return int(digits) if len(digits) <= MAX_ID_DIGITS else 0


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def credentials(request: ApiRequest):
    """``(key, secret)`` from the query pair (preferred) or Basic auth, else Nones."""
    query = dict(request.query_pairs)
    if query.get("consumer_key") and query.get("consumer_secret"):
        return query["consumer_key"], query["consumer_secret"]
    header = request.authorization or ""
    if header[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode(
                "utf-8"
            )
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        if ":" in decoded:
            return tuple(decoded.split(":", 1))
    return None, None


class ShopApi:
    """The REST API over a :class:`~.store.Store`.

    ``allow_remote_auth``: credentials are only honoured from loopback clients unless
    this is set (a real store only accepts them over HTTPS; the demo shop speaks plain
    HTTP).
    """

    def __init__(self, store, site_url="http://127.0.0.1", allow_remote_auth=False):
        self.store = store
        self.allow_remote_auth = allow_remote_auth
        self.site_url = site_url
        self.oauth = oauth.OAuthVerifier()
        self.resources = {
            "customers": resources.CustomerResource(self),
            "products/categories": resources.CategoryResource(self),
            "products": resources.ProductResource(self),
            "orders": resources.OrderResource(self),
            "webhooks": resources.WebhookResource(self),
            "taxes": resources.TaxResource(self),
            "products/variations": resources.VariationResource(self),
            "orders/refunds": resources.RefundResource(self),
        }

    @property
    def rest_url(self):
        return self.site_url + "/wp-json/wc/v3"

    # -- entry point -------------------------------------------------------------------
    def handle(self, request: ApiRequest) -> ApiResponse:
        try:
            return self._handle(request)
        except ApiError as err:
            return ApiResponse(err.status, err.body())

    def _route(self, route):
        """``(resource key, parent id or None, id part)`` of a route; 404 if none."""
        match = _ROUTE_RE.match(route)
        if match:
            return match.group(1), None, match.group(2)
        nested = _NESTED_RE.match(route)
        if nested:
            key = _NESTED[(nested.group(1), nested.group(3))]
            return key, parse_id(nested.group(2)), nested.group(4)
        raise no_route()

    def _handle(self, request):
        key = self.authenticate(request)
        name, parent_id, item = self._route(request.route)
        target = (
            "collection" if item is None else "batch" if item == "batch" else "item"
        )
        action = _ACTIONS.get((target, request.method))
        if action is None:
            raise no_route()
        params = Params(request.query_pairs)
        record_id = parse_id(item) if target == "item" else None
        with self.store.lock:
            try:
                resource = self.resources[name]
                if parent_id is not None:
                    resource = self._child_resource(name, resource, parent_id)
                response = getattr(self, "_" + action)(
                    resource, request, key, params, record_id
                )
                self.store.commit()
            except BaseException:
                self.store.rollback()
                raise
        return response

    def _child_resource(self, name, resource, parent_id):
        """``resource`` bound to its parent record; the parent's 404 when missing."""
        parent_name = name.split("/")[0]
        parent = self.resources[parent_name]
        parent.find(parent_id, parent.get_missing_status)
        return resource.for_parent(parent_id)

    # -- authentication and permissions ------------------------------------------------
    def authenticate(self, request: ApiRequest):
        """The request's key, None if anonymous; raises on a bad secret or right.

        An OAuth 1.0a signature is honoured from any client (it is what a store
        accepts over plain http); Basic auth and the query pair only from loopback
        clients, unless ``allow_remote_auth``.
        """
        signed = oauth_parameters(request.query_pairs, request.authorization)
        if signed:
            key = self._oauth_key(request, signed)
        elif self.allow_remote_auth or is_loopback(request.client_ip):
            key = self._basic_key(request)
        else:
            key = None
        if key is None:
            return None
        needed = "read" if request.method in ("GET", "HEAD") else "write"
        if key["permissions"] not in (needed, "read_write"):
            raise ApiError(
                401,
                "woocommerce_rest_authentication_error",
                f"The API key provided does not have {needed} permissions.",
            )
        return key

    def _basic_key(self, request):
        consumer_key, consumer_secret = credentials(request)
        if not consumer_key:
            return None
        key = self.store.get_key(consumer_key)
        if key is None:  # an unknown key is no credential at all, as in WooCommerce
            return None
        if not hmac.compare_digest(
            key["consumer_secret"].encode(), (consumer_secret or "").encode()
        ):
            raise ApiError(
                401,
                "woocommerce_rest_authentication_error",
                "Consumer secret is invalid.",
            )
        return key

    def _oauth_key(self, request, params):
        key = self.store.get_key(params["oauth_consumer_key"])
        if key is None:  # unlike Basic auth, an unknown OAuth key is an error
            raise oauth.auth_error("Consumer key is invalid.")
        url = (
            f"http://{request.host}{request.url_path}"
            if request.host
            else (self.site_url + request.url_path)
        )
        self.oauth.verify(request.method, url, params, key["consumer_secret"])
        return key

    @staticmethod
    def authorize(key, action):
        code, message = PERMISSION_ERRORS[action]
        if key is None:
            raise ApiError(401, code, message)
        if not key["capable"]:
            raise ApiError(403, code, message)

    def _authorized_record(self, resource, key, action, record_id, missing_status):
        # Products only check permissions on existing objects: a missing id reaches its
        # 404/400.
        if resource.kind == "product" and resource.get(record_id) is None:
            return resource.find(record_id, missing_status)
        self.authorize(key, action)
        return resource.find(record_id, missing_status)

    # -- helpers -----------------------------------------------------------------------
    @staticmethod
    def _body(request):
        raw = request.read_body()
        if not raw or not raw.strip():
            return {}
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError) as err:
            raise invalid_json() from err
        if not isinstance(body, dict):
            raise invalid_json()
        return body

    def _context(self, params, edit_default=False):
        edit = (
            params.enum("context", ("view", "edit"), "edit" if edit_default else "view")
            == "edit"
        )
        dp = params.integer("dp", 2, minimum=0, maximum=10)
        return resources.Context(self, edit=edit, dp=dp)

    @staticmethod
    def _fields(params, payload):
        wanted = params.string("_fields")
        if not wanted:
            return payload
        names = {name.strip().split(".")[0] for name in wanted.split(",")} | {"id"}
        return {name: value for name, value in payload.items() if name in names}

    def _link_header(self, request, page, total_pages):
        def page_url(number):
            pairs, replaced = [], False
            for name, value in request.query_pairs:
                if name == "page":
                    if replaced:
                        continue
                    value, replaced = str(number), True
                pairs.append((name, value))
            if not replaced:
                pairs.append(("page", str(number)))
            return f"{self.site_url}{request.url_path}?{urllib.parse.urlencode(pairs)}"

        links = []
        if page > 1:
            links.append(f'<{page_url(min(page - 1, total_pages))}>; rel="prev"')
        if total_pages > page:
            links.append(f'<{page_url(page + 1)}>; rel="next"')
        return ", ".join(links)

    def webhook_payload(self, resource_name, record_id):
        """What ``GET /<resource>s/<id>`` answers now, for a delivery."""
        resource = self.resources[resource_name + "s"]
        record = resource.get(record_id)
        if record is None:
            return ApiError(
                resource.get_missing_status,
                resource.invalid_id_code,
                resource.invalid_id_message,
            ).body()
        return resource.render(record, resources.Context(self))

    # -- actions -----------------------------------------------------------------------
    def _list(self, resource, request, key, params, record_id):
        self.authorize(key, "list")
        ctx = self._context(params)
        records, total, total_pages, page = resource.list(params)
        payload = [
            self._fields(params, resource.render(record, ctx)) for record in records
        ]
        headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(total_pages))]
        link = self._link_header(request, page, total_pages)
        if link:
            headers.append(("Link", link))
        return ApiResponse(200, payload, headers)

    def _read(self, resource, request, key, params, record_id):
        if resource.kind == "product" and resource.get(record_id) is None:
            variation = resource.variation_as_product(record_id, self._context(params))
            if variation is not None:
                self.authorize(key, "read")
                params.check()
                return ApiResponse(200, self._fields(params, variation))
        record = self._authorized_record(
            resource, key, "read", record_id, resource.get_missing_status
        )
        ctx = self._context(params)
        params.check()
        return ApiResponse(200, self._fields(params, resource.render(record, ctx)))

    def _create(self, resource, request, key, params, record_id):
        self.authorize(key, "create")
        ctx = self._context(params, edit_default=True)
        params.check()
        record = resource.create(self._body(request), ctx)
        headers = [("Location", resource.href(record["id"]))]
        return ApiResponse(201, resource.render(record, ctx), headers, ctx.events)

    def _update(self, resource, request, key, params, record_id):
        record = self._authorized_record(
            resource, key, "update", record_id, resource.update_missing_status
        )
        ctx = self._context(params, edit_default=True)
        params.check()
        record = resource.update(record, self._body(request), ctx)
        return ApiResponse(200, resource.render(record, ctx), [], ctx.events)

    def _delete(self, resource, request, key, params, record_id):
        record = self._authorized_record(
            resource, key, "delete", record_id, resource.delete_missing_status
        )
        ctx = self._context(params, edit_default=True)
        force = params.boolean("force", False)
        params.check()
        if not force and request.read_body():
            force = bool(self._body(request).get("force") in (True, "true", 1, "1"))
        return ApiResponse(200, resource.delete(record, force, ctx), [], ctx.events)

    def _batch(self, resource, request, key, params, record_id):
        self.authorize(key, "batch")
        ctx = self._context(params, edit_default=True)
        params.check()
        body = self._body(request)
        operations = [name for name in ("create", "update", "delete") if name in body]
        for name in operations:
            if not isinstance(body[name], list):
                raise invalid_params(
                    {name: f"{name} is not of type array."}, {name: "rest_invalid_type"}
                )
        if sum(len(body[name]) for name in operations) > BATCH_LIMIT:
            raise ApiError(
                413,
                "woocommerce_rest_request_entity_too_large",
                f"Unable to accept more than {BATCH_LIMIT} items for this request.",
            )
        result = {}
        for name in operations:
            result[name] = [
                entry
                for entry in (
                    self._batch_entry(resource, name, item, ctx) for item in body[name]
                )
                if entry is not None
            ]
        return ApiResponse(200, result, [], ctx.events)

    def _batch_entry(self, resource, operation, item, ctx):
        """Run one batch entry; its error is reported in place, the others go on."""
        entry_id = 0
        try:
            if operation == "create":
                if not isinstance(item, dict):
                    raise invalid_json()
                return resource.render(resource.create(item, ctx), ctx)
            if operation == "update":
                entry_id = to_int(item.get("id")) if isinstance(item, dict) else None
                entry_id = entry_id or 0
                if not isinstance(item, dict):
                    raise invalid_json()
                record = resource.find(entry_id, resource.update_missing_status)
                return resource.render(resource.update(record, item, ctx), ctx)
            entry_id = to_int(item.get("id") if isinstance(item, dict) else item) or 0
            if not entry_id:
                return None  # WooCommerce skips id 0
            record = resource.find(entry_id, resource.delete_missing_status)
            return resource.delete(record, True, ctx)
        except ApiError as err:
            return {"id": entry_id, "error": err.body()}
