# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A client of JSON REST APIs, for the backend adapters of a connector."""

import logging
import re

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .exception import (
    IDMissingInBackend,
    NetworkRetryableError,
    RemoteAPIError,
    RemoteAuthenticationError,
)
from .retry import parse_retry_after

_logger = logging.getLogger(__name__)

# loggers of the libraries that write a signed request's URL or OAuth
# parameters at debug level
_REQUEST_LOGGERS = (
    "urllib3.connectionpool",
    "requests_oauthlib.oauth1_auth",
    "oauthlib.oauth1.rfc5849",
)
# a consumer key or signature as those lines write it: key=value in a URL,
# key%3Dvalue in a signature base string, ('key', 'value') in a parameter list
_OAUTH_VALUE_RE = re.compile(
    r"(oauth_consumer_key|oauth_signature|client_key)(=|%3D|',\s*')([^&%'\s,>]+)"
)


class _RedactOAuthFilter(logging.Filter):
    """Mask the consumer key and the signature in a log line."""

    def filter(self, record):
        text = record.getMessage()
        redacted = _OAUTH_VALUE_RE.sub(r"\1\2***", text)
        if redacted != text:
            record.msg, record.args = redacted, None
        return True


def _redact_request_logs():
    """Keep the OAuth credentials out of the request libraries' log lines
    (their debug lines show signed URLs); done once per process."""
    for name in _REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(item, _RedactOAuthFilter) for item in logger.filters):
            logger.addFilter(_RedactOAuthFilter())


class RestClient:
    """HTTP client of a JSON REST API with Basic authentication, or OAuth 1.0a
    one-legged signatures (``signing="oauth1"``).

    It turns every answer into data or into an error the job queue
    understands:

    ========================================  =================================
    answer                                    raised
    ========================================  =================================
    2xx with a JSON body                      nothing, the decoded JSON is
                                              returned
    404                                       ``IDMissingInBackend``
    401, 403                                  ``auth_error_class``
    408, 425, 429, 5xx, timeout, dropped      ``NetworkRetryableError`` whose
    connection, a body that is not JSON       ``seconds`` is the Retry-After
    other 4xx                                 ``api_error_class``
    ========================================  =================================

    A ``NetworkRetryableError`` of a 429 or a 5xx also carries the
    Retry-After header as the remote sent it (``retry_after``), for the
    caller to obey it up to its own cap; ``seconds`` is bounded by one hour.

    No worker sleeps: a wait is a postponed job. Credentials go into the
    session's Basic auth (or sign the requests) and nowhere else: not in
    log lines or error messages. A connector subclasses it with its API's particulars::

        class DemoShopClient(RestClient):
            api_path = "/wp-json/wc/v3"
            remote_name = "Shop"

        client = DemoShopClient("http://127.0.0.1:8900", "ck_x", "cs_x")
        customer = client.get("customers/12")

    ``signing`` chooses how requests carry the credentials: ``"basic"`` (the
    default) sends them in a Basic ``Authorization`` header, for https;
    ``"oauth1"`` signs every request with OAuth 1.0a one-legged (consumer key
    and secret, no token, HMAC-SHA256 unless ``oauth_signature_method`` says
    otherwise), its ``oauth_*`` parameters in the query string, which is what
    a WooCommerce store requires over plain http: the secret never travels,
    and a replayed request is refused by its nonce and timestamp::

        client = DemoShopClient("http://127.0.0.1:8900", "ck_x", "cs_x",
                                signing="oauth1")

    The signing uses ``requests-oauthlib``, imported only when asked for.
    """

    # meant to be overridden: where the REST API lives under the URL, the
    # largest page it serves, the header giving the number of pages, the
    # word naming the remote in the errors and the classes of the errors
    api_path = ""
    per_page = 100
    total_pages_header = None
    remote_name = "Remote"
    api_error_class = RemoteAPIError
    auth_error_class = RemoteAuthenticationError
    retryable_statuses = frozenset({408, 425, 429})
    # meant to be overridden: the OAuth 1.0a signature method of signing="oauth1"
    oauth_signature_method = "HMAC-SHA256"
    signings = ("basic", "oauth1")

    def __init__(
        self,
        url,
        key,
        secret,
        timeout=30,
        label="",
        before_request=None,
        signing="basic",
    ):
        if signing not in self.signings:
            raise ValueError(
                f"{self.remote_name} {label or url}: unknown signing {signing!r}, "
                f"use one of {', '.join(self.signings)}."
            )
        self.base_url = url.rstrip("/") + self.api_path
        self.timeout = timeout
        self.label = label or url
        self.signing = signing
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
        session.auth = self._get_session_auth()
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

    def _get_session_auth(self):
        """The ``requests`` auth of every request, following ``signing``."""
        if self.signing == "oauth1":
            return self._get_oauth1_auth()
        return self._auth

    def _get_oauth1_auth(self):
        """OAuth 1.0a one-legged signing, its parameters in the query string."""
        try:
            from requests_oauthlib import OAuth1
        except ImportError as err:
            raise self.auth_error_class(
                f"{self.remote_name} {self.label}: signing requests with OAuth 1.0a "
                "needs the Python package requests-oauthlib: install it "
                "(pip install requests-oauthlib)."
            ) from err
        _redact_request_logs()
        key, secret = self._auth
        return OAuth1(
            key,
            client_secret=secret,
            signature_method=self.oauth_signature_method,
            signature_type="query",
        )

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

        Stops when the page number reaches the ``total_pages_header`` or a
        page is shorter than ``per_page`` (the second guards against a wrong
        header).
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
                f"{self._where(method, path)} timed out after {self.timeout} s."
            ) from err
        except requests.ConnectionError as err:
            raise NetworkRetryableError(
                f"{self._where(method, path)} failed, the connection was refused "
                f"or dropped ({type(err).__name__})."
            ) from err
        _logger.debug("%s %s -> %s", method, path, response.status_code)
        self._check_status(response, method, path)
        return response

    def _where(self, method, path):
        return f"{self.remote_name} {self.label}: {method} {path}"

    def _check_status(self, response, method, path):
        status = response.status_code
        if status < 400:
            return
        code, message = self._error_details(response)
        where = f"{self._where(method, path)} answered {status}"
        if status == 404:
            raise IDMissingInBackend(f"{where} ({code}: {message}).")
        if status in (401, 403):
            raise self.auth_error_class(
                f"{where} ({code}: {message}). The consumer key or secret is "
                "wrong, or the key lacks the read or write permission: fix them on the "
                "backend, then requeue the job.",
                status=status,
                code=code,
            )
        if status in self.retryable_statuses or status >= 500:
            retry_after = response.headers.get("Retry-After")
            seconds = parse_retry_after(retry_after)
            seconds = None if seconds is None else round(seconds)
            error = NetworkRetryableError(
                f"{where} ({code}: {message})"
                + (f"; retry asked in {seconds} s." if seconds is not None else "."),
                seconds=seconds,
            )
            # the header as sent: the adapter obeys it up to its backend's cap
            error.retry_after = retry_after
            raise error
        raise self.api_error_class(
            f"{where} ({code}: {message}).", status=status, code=code
        )

    @staticmethod
    def _error_details(response):
        """``(code, message)`` of an error body ``{"code", "message"}``,
        tolerating HTML."""
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
            # a proxy or a failing host answered: a transport error
            raise NetworkRetryableError(
                f"{self._where(method, path)} answered a body that is not JSON."
            ) from err

    def _total_pages(self, response):
        if not self.total_pages_header:
            return None
        try:
            return int(response.headers.get(self.total_pages_header, ""))
        except ValueError:
            return None
