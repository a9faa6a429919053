"""The HTTP server: REST API, admin endpoints, faults, webhooks sent after responses.

In-process use::

    from demo_shop.server import DemoShopServer

    path = "/tmp/shop.sqlite3"
    with DemoShopServer(path, key="ck_demo", secret="cs_demo", seed=42) as shop:
        requests.get(shop.url + "/wp-json/wc/v3/orders", auth=("ck_demo", "cs_demo"))

See the package docstring for the admin endpoints.
"""

import hmac
import json
import logging
import math
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .api import ApiRequest, ShopApi
from .errors import ApiError
from .faults import FaultError, FaultPlan, is_header_safe
from .formats import wp_json
from .params import parse_date
from .resources import Context
from .seed import PROFILES, seed_if_empty
from .store import Store
from .webhooks import WebhookDispatcher

_logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 4 * 1024 * 1024
# A connection silent this long (between requests or inside one) is closed, so that
# idle keep-alive connections give their worker back.
SOCKET_TIMEOUT = 30.0
# Connections served at once; the next ones wait in the listen backlog.
MAX_WORKERS = 32
MAX_DELIVERY_WAIT = 60.0
# A clock shifted further than a century is a mistake (and past year 9999, an error).
MAX_CLOCK_OFFSET = 100 * 366 * 86400
DEFAULT_TIMEOUT_FAULT = 30.0
DEFAULT_LATENCY = 1.0

# Topics registered by ``webhook_delivery_url``: every core event the connector may
# listen to.
DEFAULT_TOPICS = tuple(
    f"{resource}.{event}"
    for resource in ("customer", "product", "order")
    for event in ("created", "updated", "deleted")
)

_FAULT_PAGES = {
    429: "Too Many Requests",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class _HttpServer(ThreadingHTTPServer):
    """One thread per connection, at most ``max_workers`` of them at once.

    A connection waiting for its next request (a fresh or a kept-alive one) is
    *idle*. When every worker is taken and a new connection waits, the oldest idle
    connection is closed to free its worker, as a web server under load drops
    keep-alive connections: idle clients can never pin the workers.
    """

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    max_workers = MAX_WORKERS

    def server_activate(self):
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_workers)
        self._closing = threading.Event()
        self._idle_lock = threading.Lock()
        self._idle = {}  # handler -> its socket, oldest first

    def process_request(self, request, client_address):
        # The serving loop waits for a free worker (new connections queue in the
        # kernel's backlog meanwhile), closing idle connections to get one.
        while not self._slots.acquire(timeout=0.05):
            if self._closing.is_set():
                self.shutdown_request(request)
                return
            self._evict_idle()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def mark_idle(self, handler, idle: bool):
        with self._idle_lock:
            if idle:
                self._idle[handler] = handler.connection
            else:
                self._idle.pop(handler, None)

    def _evict_idle(self):
        with self._idle_lock:
            if not self._idle:
                return
            handler = next(iter(self._idle))
            sock = self._idle.pop(handler)
        try:
            sock.shutdown(socket.SHUT_RDWR)  # its worker reads EOF and ends
        except OSError:
            pass

    def server_close(self):
        self._closing.set()
        super().server_close()


class _Http6Server(_HttpServer):
    address_family = socket.AF_INET6


class DemoShopServer:
    """A demo shop on ``host:port`` (``port=0``: a free port), data in ``data_path``.

    :param key, secret: a ``read_write`` API key to install (kept in the database).
    :param seed: seed sample data with this number if the database is empty.
    :param webhook_delivery_url: register webhooks for :data:`DEFAULT_TOPICS` to this
        URL (once; existing ones are kept), signed with ``webhook_secret`` (default:
        ``secret``).
    :param webhook_timeout: seconds a delivery may take (WooCommerce: 60).
    :param webhook_delay: seconds between an event and its delivery (coalescing window).
    :param admin_token: the token of the admin endpoints (``Authorization: Bearer``);
        without one they answer 401. API keys never open them.
    :param socket_timeout: seconds of silence after which a connection is closed.
    :param max_workers: connections served at once.
    :param seed_profile: ``default`` or ``realistic`` (see :mod:`.seed`).
    """

    def __init__(
        self,
        data_path: str,
        host: str = "127.0.0.1",
        port: int = 0,
        key: str | None = None,
        secret: str | None = None,
        seed: int | None = None,
        webhook_delivery_url: str | None = None,
        webhook_secret: str | None = None,
        webhook_timeout: float = 60.0,
        webhook_delay: float = 0.0,
        allow_remote_auth: bool = False,
        max_body_bytes: int = MAX_BODY_BYTES,
        admin_token: str | None = None,
        socket_timeout: float = SOCKET_TIMEOUT,
        max_workers: int = MAX_WORKERS,
        seed_profile: str = "realistic",
    ):
        self.store = Store(data_path)
        if key:
            if not secret:
                raise ValueError("A consumer key needs its consumer secret.")
            self.store.set_key(key, secret, "read_write")
        self.api = ShopApi(self.store, allow_remote_auth=allow_remote_auth)
        self.faults = FaultPlan()
        self.webhooks = WebhookDispatcher(
            self.api, timeout=webhook_timeout, delay=webhook_delay
        )
        self.max_body_bytes = max_body_bytes
        self.admin_token = admin_token
        self.socket_timeout = socket_timeout
        self._stopping = threading.Event()
        self._thread = None
        self._serving = False
        server_class = _Http6Server if ":" in host else _HttpServer
        self.httpd = server_class((host, port), _Handler, bind_and_activate=False)
        self.httpd.max_workers = max_workers
        try:
            self.httpd.server_bind()
            self.httpd.server_activate()
        except BaseException:
            self.httpd.server_close()
            raise
        self.httpd.shop = self
        self.host, self.port = self.httpd.server_address[:2]
        self.api.site_url = self.url
        self.seed_profile = seed_profile
        self.seeded = (
            seed_if_empty(self.store, seed, seed_profile, self.api)
            if seed is not None
            else False
        )
        self._startup_events = []
        if webhook_delivery_url:
            self.register_webhooks(webhook_delivery_url, webhook_secret or secret)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def register_webhooks(self, delivery_url, secret=None, topics=DEFAULT_TOPICS):
        """Create the missing webhooks to ``delivery_url``; their pings follow."""
        resource = self.api.resources["webhooks"]
        with self.store.lock:
            existing = {
                (hook["topic"], hook["delivery_url"])
                for hook in self.store.all("webhook")
            }
            ctx = Context(self.api)
            for topic in topics:
                if (topic, delivery_url) not in existing:
                    body = {
                        "name": f"Demo shop {topic}",
                        "topic": topic,
                        "delivery_url": delivery_url,
                    }
                    if secret:
                        body["secret"] = secret
                    resource.create(body, ctx)
            self.store.commit()
        if self._serving:
            self.webhooks.dispatch(ctx.events)
        else:
            self._startup_events.extend(ctx.events)

    # -- lifecycle ---------------------------------------------------------------------
    def _begin(self):
        self._serving = True
        self.webhooks.start()
        self.webhooks.dispatch(self._startup_events)
        self._startup_events = []

    def start(self):
        """Serve in a background thread; returns self."""
        self._begin()
        self._thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="demo-shop-http",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self):
        """Serve in the calling thread until :meth:`stop` (or KeyboardInterrupt)."""
        self._begin()
        self.httpd.serve_forever(poll_interval=0.1)

    def stop(self):
        self._stopping.set()
        if self._serving:
            self.httpd.shutdown()
        self.httpd.server_close()
        self.webhooks.stop()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.store.close()
        self._serving = False

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def wait(self, seconds: float):
        """Sleep that :meth:`stop` interrupts (for the latency and timeout faults)."""
        self._stopping.wait(seconds)

    # -- admin -------------------------------------------------------------------------
    def reset(self, seed=None, profile=None):
        """Forget data (keys stay), faults and the delivery log; then seed if asked."""
        self.faults.clear()
        self.webhooks.deliveries.clear()
        with self.store.lock:
            self.store.reset()
            if seed is not None:
                seed_if_empty(self.store, seed, profile or self.seed_profile, self.api)

    def status(self) -> dict:
        with self.store.lock:
            customers = sum(
                1 for rec in self.store.all("customer") if rec.get("role") == "customer"
            )
            return {
                "customers": customers,
                "products": self.store.count("product"),
                "categories": self.store.count("category"),
                "orders": self.store.count("order"),
                "webhooks": self.store.count("webhook"),
                "now": self.store.now(),
            }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are separate writes: without TCP_NODELAY each response waits for
    # the client's delayed ACK (about 40 ms).
    disable_nagle_algorithm = True
    server_version = "DemoShop/1.0"
    sys_version = ""

    def setup(self):
        # StreamRequestHandler applies ``timeout`` to the socket: a silent client
        # (idle keep-alive, a body that never comes) cannot hold its worker.
        self.timeout = self.server.shop.socket_timeout
        super().setup()

    def handle_one_request(self):
        # Idle until the request line arrives (see _HttpServer).
        self.server.mark_idle(self, True)
        try:
            super().handle_one_request()
        finally:
            self.server.mark_idle(self, False)

    def parse_request(self):
        self.server.mark_idle(self, False)
        return super().parse_request()

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    # The request line may carry consumer_secret in its query: log the path only.
    def log_request(self, code="-", size="-"):
        # A request line that did not parse leaves no command or path behind.
        path = urllib.parse.urlsplit(getattr(self, "path", "") or "").path
        _logger.info("%s %s %s", getattr(self, "command", None) or "-", path, code)

    def log_message(self, format, *args):
        _logger.debug(format, *args)

    @property
    def shop(self) -> DemoShopServer:
        return self.server.shop

    # -- plumbing ----------------------------------------------------------------------
    def _send(self, status, body: bytes, content_type, headers=()):
        if getattr(self, "_answer_lost", False):
            self._answer_lost = False
            self.close_connection = True
            return
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    def _send_json(self, status, payload, headers=()):
        self._send(status, wp_json(payload), "application/json; charset=UTF-8", headers)

    def _error(self, status, code, message):
        self._send_json(
            status, {"code": code, "message": message, "data": {"status": status}}
        )

    def _serve(self):
        split = urllib.parse.urlsplit(self.path)
        pairs = urllib.parse.parse_qsl(split.query, keep_blank_values=True)
        if split.path.startswith("/demo-shop/"):
            # Authenticated before a byte of the body is read.
            if not self._admin_authorized():
                self._refuse_unread_body()
                self._error(
                    401,
                    "demo_shop_unauthorized",
                    "The admin endpoints need the shop's admin token "
                    "(Authorization: Bearer TOKEN).",
                )
                return
            body = self._read_body()
            if body is not None:
                self._admin(split.path, pairs, body)
            return
        route = None
        if split.path.startswith("/wp-json/"):
            route = split.path[len("/wp-json") :]
        elif split.path in ("/", "/index.php") and dict(pairs).get("rest_route"):
            route = dict(pairs)["rest_route"]
        if route is None:
            self._refuse_unread_body()
            self._error(
                404,
                "rest_no_route",
                "No route was found matching the URL and request method.",
            )
            return
        fault = self.shop.faults.take(self.command, "/wp-json" + route)
        if fault and fault["mode"] == "lost_answer":
            # the request is served, then the connection is closed before the
            # answer: the client cannot know whether it was done
            self._answer_lost = True
            self.close_connection = True
        elif fault and self._apply_fault(fault):
            return
        request = ApiRequest(
            method=self.command,
            route=route,
            query_pairs=pairs,
            authorization=self.headers.get("Authorization", ""),
            client_ip=self.client_address[0],
            url_path=split.path,
            host=self.headers.get("Host", ""),
            body_reader=self._api_body,
        )
        response = self.shop.api.handle(request)
        if not request.body_read:
            # Refused before its body was needed (authentication, permissions,
            # routing): the body is never read, the connection is not reused.
            self._refuse_unread_body()
        self._send_json(response.status, response.payload, response.headers)
        # Deliveries are queued once the response is out, as WooCommerce does at
        # shutdown.
        if response.events:
            self.shop.webhooks.dispatch(response.events)

    def _refuse_unread_body(self):
        """Close after answering when a body was announced and will not be read."""
        if self.headers.get("Content-Length", "0").strip() not in ("", "0") or (
            self.headers.get("Transfer-Encoding")
        ):
            self.close_connection = True

    def _api_body(self) -> bytes:
        """The body, read once the request is authorised; ApiError when refused."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            raise ApiError(
                411,
                "demo_shop_length_required",
                "Send the body with a Content-Length header.",
            )
        length = self._content_length()
        if length is None:
            self.close_connection = True
            raise ApiError(
                400,
                "demo_shop_bad_length",
                "The Content-Length header is not a number.",
            )
        if length > self.shop.max_body_bytes:
            # The body is not read: close the connection rather than drain it.
            self.close_connection = True
            raise ApiError(
                413,
                "demo_shop_request_too_large",
                f"The request body exceeds {self.shop.max_body_bytes} bytes.",
            )
        return self.rfile.read(length) if length > 0 else b""

    def _content_length(self):
        """The announced body length; None when it is not a plain decimal number."""
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
            return None
        return int(raw)

    def _read_body(self):
        """The body of an admin request, or None when refused (and answered)."""
        try:
            return self._api_body()
        except ApiError as err:
            self._send_json(err.status, err.body())
            return None

    # -- faults ------------------------------------------------------------------------
    def _apply_fault(self, fault) -> bool:
        """Misbehave as ``fault`` says; False when the request is then served."""
        mode, delay = fault["mode"], fault["delay"]
        _logger.info(
            "Injecting fault %s on %s %s",
            mode,
            self.command,
            urllib.parse.urlsplit(self.path).path,
        )
        if mode == "latency":
            self.shop.wait(DEFAULT_LATENCY if delay is None else delay)
            return False
        self._refuse_unread_body()  # the request is not served
        if mode == "timeout":
            self.shop.wait(DEFAULT_TIMEOUT_FAULT if delay is None else delay)
            self.close_connection = True  # then hang up without an answer
            return True
        if delay:
            self.shop.wait(delay)
        if mode == "drop":
            self.close_connection = True
            return True
        if mode == "malformed_json":
            self._send(
                200, b'[{"id": 1, "name": "Truncated', "application/json; charset=UTF-8"
            )
            return True
        status = int(mode)
        retry_after = fault["retry_after"]
        headers = (
            [("Retry-After", str(retry_after))]
            if retry_after is not None and is_header_safe(str(retry_after))
            else []
        )
        if status == 500:  # what WordPress's fatal error handler answers on REST routes
            self._send_json(
                500,
                {
                    "code": "internal_server_error",
                    "message": "<p>There has been a critical error on this "
                    "website.</p>",
                    "data": {"status": 500},
                    "additional_errors": [],
                },
                headers,
            )
            return True
        # 429/502/503 come from the host, proxy or WAF in front of WordPress: an HTML
        # page.
        title = f"{status} {_FAULT_PAGES[status]}"
        page = (
            f"<html><head><title>{title}</title></head>"
            f"<body><h1>{title}</h1></body></html>\n"
        )
        self._send(status, page.encode(), "text/html; charset=UTF-8", headers)
        return True

    # -- admin endpoints ---------------------------------------------------------------
    def _admin_authorized(self) -> bool:
        """The request carries the shop's admin token (API keys never do)."""
        token = self.shop.admin_token
        header = self.headers.get("Authorization", "")
        return bool(token) and hmac.compare_digest(
            header.encode(), f"Bearer {token}".encode()
        )

    def _admin(self, path, pairs, body):
        try:
            data = json.loads(body) if body.strip() else {}
        except (ValueError, UnicodeDecodeError, RecursionError):
            self._error(400, "rest_invalid_json", "Invalid JSON body passed.")
            return
        handler = _ADMIN_ROUTES.get((path.rstrip("/"), self.command))
        if handler is None:
            self._error(
                404,
                "rest_no_route",
                "No route was found matching the URL and request method.",
            )
            return
        try:
            status, payload = handler(self.shop, data, dict(pairs))
        except (FaultError, ValueError, TypeError) as err:
            self._error(400, "demo_shop_invalid_request", str(err))
            return
        self._send_json(status, payload)


def _add_faults(shop, data, query):
    specs = data if isinstance(data, list) else [data]
    return 201, {"faults": [shop.faults.add(spec) for spec in specs]}


def _clear_faults(shop, data, query):
    shop.faults.clear()
    return 200, {"faults": []}


def _reset(shop, data, query):
    seed = data.get("seed") if isinstance(data, dict) else None
    if seed is not None and not isinstance(seed, int):
        raise ValueError("seed must be an integer.")
    profile = data.get("profile") if isinstance(data, dict) else None
    if profile is not None and profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}.")
    shop.reset(seed, profile)
    return 200, shop.status()


def _seconds(value, name, maximum):
    """A number of seconds from 0 to ``maximum`` (capped); ValueError otherwise."""
    try:
        seconds = float(value)
    except (TypeError, ValueError, OverflowError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"{name} must be a finite number of seconds, 0 or more.")
    return min(seconds, maximum)


def _deliveries(shop, data, query):
    wait = _seconds(query.get("wait") or 0, "wait", MAX_DELIVERY_WAIT)
    idle = shop.webhooks.wait_idle(wait) if wait else None
    return 200, {"idle": idle, "deliveries": list(shop.webhooks.deliveries)}


def _clear_deliveries(shop, data, query):
    shop.webhooks.deliveries.clear()
    return 200, {"deliveries": []}


def _add_key(shop, data, query):
    if not data.get("consumer_key") or not data.get("consumer_secret"):
        raise ValueError("consumer_key and consumer_secret are required.")
    permissions = data.get("permissions", "read_write")
    shop.store.set_key(
        data["consumer_key"],
        data["consumer_secret"],
        permissions,
        data.get("capable", True),
    )
    return 201, {
        "consumer_key": data["consumer_key"],
        "permissions": permissions,
        "capable": data.get("capable", True),
    }


def _set_clock(shop, data, query):
    now = data.get("now")
    frozen = parse_date(now) if now else None
    if now and frozen is None:
        raise ValueError("now must be an ISO 8601 date-time.")
    offset = data.get("offset") or 0
    try:
        offset = float(offset)
    except (TypeError, ValueError, OverflowError):
        offset = math.nan
    if not math.isfinite(offset) or abs(offset) > MAX_CLOCK_OFFSET:
        raise ValueError(
            f"offset must be seconds between -{MAX_CLOCK_OFFSET} and "
            f"{MAX_CLOCK_OFFSET}."
        )
    shop.store.set_clock(frozen, offset)
    return 200, {"now": shop.store.now()}


def _reset_clock(shop, data, query):
    shop.store.set_clock()
    return 200, {"now": shop.store.now()}


def _register_webhooks(shop, data, query):
    if not data.get("delivery_url"):
        raise ValueError("delivery_url is required.")
    shop.register_webhooks(
        data["delivery_url"],
        data.get("secret"),
        tuple(data.get("topics") or DEFAULT_TOPICS),
    )
    return 200, {"webhooks": shop.status()["webhooks"]}


_ADMIN_ROUTES = {
    ("/demo-shop/faults", "GET"): lambda shop, data, query: (
        200,
        {"faults": shop.faults.snapshot()},
    ),
    ("/demo-shop/faults", "POST"): _add_faults,
    ("/demo-shop/faults", "DELETE"): _clear_faults,
    ("/demo-shop/reset", "POST"): _reset,
    ("/demo-shop/status", "GET"): lambda shop, data, query: (200, shop.status()),
    ("/demo-shop/deliveries", "GET"): _deliveries,
    ("/demo-shop/deliveries", "DELETE"): _clear_deliveries,
    ("/demo-shop/keys", "POST"): _add_key,
    ("/demo-shop/clock", "POST"): _set_clock,
    ("/demo-shop/clock", "DELETE"): _reset_clock,
    ("/demo-shop/webhooks", "POST"): _register_webhooks,
}

__all__ = ["DEFAULT_TOPICS", "MAX_BODY_BYTES", "DemoShopServer"]
