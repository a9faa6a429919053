"""Backend adapters: the only place that speaks HTTP to the shop.

:class:`DemoShopClient` wraps a ``requests.Session`` (Basic auth, timeouts,
connection-level retries from urllib3) and turns every answer of the shop
into data or into one of the errors the job queue understands:

========================================  =====================================
shop answer                               raised
========================================  =====================================
2xx with a JSON body                      nothing, the decoded JSON is returned
404                                       ``IDMissingInBackend``
401, 403                                  ``DemoShopAuthenticationError``
408, 429, 5xx, timeout, dropped           ``NetworkRetryableError`` whose
connection, malformed JSON                ``seconds`` is the shop's Retry-After
other 4xx                                 ``DemoShopAPIError``
========================================  =====================================

No worker ever sleeps waiting for the shop: a wait is a postponed job
(``RetryableJobError(seconds=...)``), queue_job runs it again later.

The adapter components add the manners a job owes the shop: each request
first takes a slot of the backend's rate limit, and a retryable error goes
through the connector's retry policy (``Retry-After`` obeyed, otherwise an
exponential backoff with jitter, and the last remote error in the message of
a job that used all its tries). The client alone, as the backend's "Check
connection" button uses it, does neither.
"""

import logging
from contextlib import contextmanager

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.exception import IDMissingInBackend, NetworkRetryableError
from odoo.addons.connector.retry import parse_retry_after, raise_remote_error

from ..exception import DemoShopAPIError, DemoShopAuthenticationError

_logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = {408, 425, 429}


class DemoShopClient:
    """HTTP client of one shop (WooCommerce REST API v3 subset).

    Credentials go into the session's Basic auth and nowhere else: not in
    URLs, not in log lines, not in error messages::

        client = DemoShopClient("http://127.0.0.1:8900", "ck_x", "cs_x")
        customer = client.get("customers/12")
        for product in client.get_pages("products", {"orderby": "id"}):
            ...
    """

    # meant to be overridden: where the REST API lives under the shop URL
    api_path = "/wp-json/wc/v3"
    # the largest page the API allows (API spec §3.1)
    per_page = 100

    def __init__(self, url, key, secret, timeout=30, label="", before_request=None):
        self.base_url = url.rstrip("/") + self.api_path
        self.timeout = timeout
        self.label = label or url
        # called before every HTTP request (each page of a list included);
        # the backend's work contexts take a rate limit slot there
        self.before_request = before_request
        self._auth = (key, secret)
        self._session = None

    @property
    def session(self):
        """The ``requests.Session``, created on first use."""
        if self._session is None:
            self._session = self._build_session()
        return self._session

    def _build_session(self):
        session = requests.Session()
        session.auth = self._auth
        session.headers.update({"Accept": "application/json"})
        # connection-level retries only (refused connection, DNS): nothing was
        # sent, so retrying cannot duplicate a write; no backoff, no sleep.
        # read=False re-raises read errors as they are (a timeout stays a
        # timeout); statuses are never retried here: a 429 or a 503 becomes a
        # postponed job, not a wait inside the worker
        retry = Retry(
            total=2,
            connect=2,
            read=False,
            status=0,
            other=0,
            redirect=0,
            backoff_factor=0,
            status_forcelist=None,
            respect_retry_after_header=False,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def post(self, path, data, params=None):
        return self.request("POST", path, params=params, json=data)

    def put(self, path, data, params=None):
        return self.request("PUT", path, params=params, json=data)

    def delete(self, path, params=None):
        return self.request("DELETE", path, params=params)

    def get_pages(self, path, params=None):
        """Yield every item of a list endpoint, following its pages.

        Stops when the page number reaches ``X-WP-TotalPages`` or a page is
        shorter than ``per_page`` (API spec §3.3: both are valid stop rules,
        the second guards against a wrong header).
        """
        params = dict(params or {}, per_page=self.per_page)
        page = 1
        while True:
            params["page"] = page
            response = self._send("GET", path, params=params)
            items = self._decode(response, "GET", path)
            yield from items
            total_pages = self._total_pages(response)
            if len(items) < self.per_page or (total_pages and page >= total_pages):
                return
            page += 1

    def request(self, method, path, params=None, json=None):
        """Send one request and return the decoded JSON body."""
        response = self._send(method, path, params=params, json=json)
        return self._decode(response, method, path)

    def _send(self, method, path, params=None, json=None):
        url = f"{self.base_url}/{path}"
        if self.before_request:
            self.before_request()
        try:
            response = self.session.request(
                method, url, params=params, json=json, timeout=self.timeout
            )
        except requests.Timeout as err:
            raise NetworkRetryableError(
                f"Shop {self.label}: {method} {path} timed out after {self.timeout} s."
            ) from err
        except requests.ConnectionError as err:
            raise NetworkRetryableError(
                f"Shop {self.label}: {method} {path} failed, the connection was "
                f"refused or dropped ({type(err).__name__})."
            ) from err
        _logger.debug("%s %s -> %s", method, path, response.status_code)
        self._check_status(response, method, path)
        return response

    def _check_status(self, response, method, path):
        status = response.status_code
        if status < 400:
            return
        code, message = self._error_details(response)
        where = f"Shop {self.label}: {method} {path} answered {status}"
        if status == 404:
            raise IDMissingInBackend(f"{where} ({code}: {message}).")
        if status in (401, 403):
            raise DemoShopAuthenticationError(
                f"{where} ({code}: {message}). The consumer key or secret is "
                "wrong, or the key lacks the read/write permission: fix them on "
                "the backend, then requeue the job.",
                status=status,
                code=code,
            )
        if status in RETRYABLE_STATUSES or status >= 500:
            seconds = parse_retry_after(response.headers.get("Retry-After"))
            seconds = None if seconds is None else round(seconds)
            raise NetworkRetryableError(
                f"{where} ({code}: {message})"
                + (
                    f"; the shop asks to retry in {seconds} s."
                    if seconds is not None
                    else "."
                ),
                seconds=seconds,
            )
        raise DemoShopAPIError(
            f"{where} ({code}: {message}).", status=status, code=code
        )

    @staticmethod
    def _error_details(response):
        """``(code, message)`` of a WooCommerce error body, tolerating HTML."""
        try:
            body = response.json()
        except ValueError:
            return "no_json", (response.text or "")[:200]
        if isinstance(body, dict):
            return body.get("code") or "unknown", body.get("message") or ""
        return "unknown", str(body)[:200]

    def _decode(self, response, method, path):
        try:
            return response.json()
        except ValueError as err:
            # a proxy or a failing host answered: a transport error (API §5.3)
            raise NetworkRetryableError(
                f"Shop {self.label}: {method} {path} answered a body that is not JSON."
            ) from err

    @staticmethod
    def _total_pages(response):
        try:
            return int(response.headers.get("X-WP-TotalPages", ""))
        except ValueError:
            return None


class DemoShopCRUDAdapter(AbstractComponent):
    """CRUD on one resource of the shop (``_resource``, e.g. ``customers``).

    A new resource needs only a concrete adapter::

        class DemoShopCategoryAdapter(Component):
            _name = "demo.shop.product.category.adapter"
            _inherit = "demo.shop.adapter"
            _apply_on = "demo.shop.product.category"
            _resource = "products/categories"
    """

    _name = "demo.shop.adapter"
    _inherit = ["base.backend.adapter.crud", "demo.shop.base"]
    _usage = "backend.adapter"

    # meant to be overridden: the resource path under /wp-json/wc/v3
    _resource = None
    # meant to be overridden: DELETE with force=true (customers refuse the trash)
    _delete_force = False
    # meant to be overridden: backoff of the retryable errors without a
    # Retry-After, in seconds: try n waits a random time between 0 and
    # min(cap, base * 2**(n-1)). Small on purpose for the demo shop (a hiccup
    # of a local process); a real store behind a WAF wants a larger cap.
    _retry_base = 2.0
    _retry_cap = 300.0

    def search(self, params=None):
        """Yield the records of the resource matching ``params``, every page."""
        pages = self.client.get_pages(self._resource, params=params)
        while True:
            # each page is a request: it may fail, so it is fetched here
            with self._remote_errors():
                try:
                    record = next(pages)
                except StopIteration:
                    return
            yield record

    # base.backend.adapter.crud only declares the CRUD methods: nothing to call up to
    # pylint: disable=method-required-super
    def read(self, external_id, params=None):
        with self._remote_errors():
            return self.client.get(f"{self._resource}/{external_id}", params=params)

    def create(self, data):
        """Create the record in the shop and return its new id."""
        with self._remote_errors():
            return self.client.post(self._resource, data)["id"]

    def write(self, external_id, data):
        with self._remote_errors():
            return self.client.put(f"{self._resource}/{external_id}", data)

    def delete(self, external_id):
        params = {"force": "true"} if self._delete_force else None
        with self._remote_errors():
            return self.client.delete(f"{self._resource}/{external_id}", params=params)

    @contextmanager
    def _remote_errors(self):
        """Turn a retryable error of the shop into the retry policy's decision:
        postpone the job (by the shop's Retry-After, else a jittered backoff),
        or fail it with the shop's error once it used all its tries."""
        try:
            yield
        except NetworkRetryableError as err:
            raise_remote_error(
                self.env,
                err,
                # the shop's Retry-After, in seconds (None without one)
                retry_after=err.seconds,
                base=self._retry_base,
                cap=self._retry_cap,
            )


class DemoShopCustomerAdapter(Component):
    _name = "demo.shop.res.partner.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.res.partner"
    _resource = "customers"
    _delete_force = True


class DemoShopProductAdapter(Component):
    _name = "demo.shop.product.product.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.product.product"
    _resource = "products"


class DemoShopOrderAdapter(Component):
    _name = "demo.shop.sale.order.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.sale.order"
    _resource = "orders"
