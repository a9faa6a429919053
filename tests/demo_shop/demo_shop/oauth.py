"""OAuth 1.0a "one-legged" request signatures, verified as WooCommerce does over http.

Over plain http a WooCommerce store ignores Basic auth and the ``consumer_key`` /
``consumer_secret`` query pair: the client signs each request instead. The
``oauth_*`` parameters come in the query string (what the official clients send) or in
an ``Authorization: OAuth ...`` header:

``oauth_consumer_key``, ``oauth_timestamp`` (Unix seconds), ``oauth_nonce``,
``oauth_signature_method`` (``HMAC-SHA256`` or ``HMAC-SHA1``) and ``oauth_signature``.

The signed text is ``METHOD&<url>&<params>``: ``<url>`` is the request URL without its
query, percent-encoded (RFC 3986, nothing kept but ``A-Za-z0-9-._~``); ``<params>`` are
all query and ``oauth_*`` parameters but the signature, sorted by name, each name and
value percent-encoded, joined as ``name=value`` with ``&``, and that whole text
percent-encoded again. The key is the consumer secret followed by ``&``; the signature
is the base64 of the HMAC digest. The timestamp must be within 15 minutes of the
store's time, and a nonce is refused when the key has used it within that window.

::

    verifier = OAuthVerifier()
    params = oauth_parameters(query_pairs, authorization_header)
    if params:
        verifier.verify("GET", "http://127.0.0.1:8080/wp-json/wc/v3/orders", params,
                        secret_of_key)
"""

import base64
import hashlib
import hmac
import re
import threading
import time
import urllib.parse

from .errors import ApiError

TIMESTAMP_WINDOW = 15 * 60
REQUIRED = (
    "oauth_consumer_key",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_signature",
    "oauth_signature_method",
)
ALGORITHMS = {"HMAC-SHA256": hashlib.sha256, "HMAC-SHA1": hashlib.sha1}
_HEADER_PARAM_RE = re.compile(r'\s*([A-Za-z0-9_]+)\s*=\s*"([^"]*)"\s*,?')


def auth_error(message):
    return ApiError(401, "woocommerce_rest_authentication_error", message)


def encode(text: str) -> str:
    """RFC 3986 percent-encoding (PHP's ``rawurlencode``)."""
    return urllib.parse.quote(text, safe="~")


def oauth_parameters(query_pairs, authorization: str = "") -> dict:
    """Every request parameter when the request is OAuth-signed, else ``{}``.

    Query parameters come first; ``oauth_*`` ones of an ``OAuth`` header are added.
    """
    params = dict(query_pairs)
    if authorization[:6].lower() == "oauth ":
        for name, value in _HEADER_PARAM_RE.findall(authorization[6:]):
            if name.startswith("oauth_"):
                params[name] = urllib.parse.unquote(value)
    return params if params.get("oauth_consumer_key") else {}


def signature_base(method: str, url: str, params: dict) -> str:
    """The text a client signs (see the module docstring)."""
    pairs = sorted(
        (encode(str(name)), encode(str(value)))
        for name, value in params.items()
        if name != "oauth_signature"
    )
    joined = "&".join(f"{name}={value}" for name, value in pairs)
    return f"{method.upper()}&{encode(url)}&{encode(joined)}"


def sign(method: str, url: str, params: dict, secret: str) -> str:
    """The ``oauth_signature`` of a request (``params`` name the algorithm)."""
    digest = ALGORITHMS[params["oauth_signature_method"]]
    text = signature_base(method, url, params)
    raw = hmac.new(f"{secret}&".encode(), text.encode(), digest).digest()
    return base64.b64encode(raw).decode()


class OAuthVerifier:
    """Checks signatures, the timestamp window and nonces (remembered per key)."""

    def __init__(self, clock=time.time):
        self.clock = clock
        self._lock = threading.Lock()
        self._nonces = {}  # consumer key -> {nonce: timestamp}

    def verify(self, method: str, url: str, params: dict, secret: str):
        """Raise the 401 WooCommerce answers unless the signature holds."""
        for name in REQUIRED:
            if not params.get(name):
                raise auth_error(f"{name} parameter is missing")
        if params["oauth_signature_method"] not in ALGORITHMS:
            raise auth_error("Invalid signature - signature method is invalid.")
        # A '+' of the base64 signature arrives as a space once the query is decoded.
        provided = params["oauth_signature"].replace(" ", "+")
        expected = sign(method, url, params, secret)
        if not hmac.compare_digest(expected.encode(), provided.encode()):
            raise auth_error("Invalid signature - provided signature does not match.")
        self._check_timestamp_and_nonce(
            params["oauth_consumer_key"],
            params["oauth_timestamp"],
            params["oauth_nonce"],
        )

    def _check_timestamp_and_nonce(self, key, timestamp, nonce):
        now = self.clock()
        stamp = int(timestamp) if re.fullmatch(r"[0-9]{1,12}", timestamp) else None
        if stamp is None or abs(stamp - now) > TIMESTAMP_WINDOW:
            raise auth_error("Invalid timestamp.")
        with self._lock:
            used = self._nonces.setdefault(key, {})
            for old, seen in list(used.items()):
                if seen < now - TIMESTAMP_WINDOW:
                    del used[old]
            if nonce in used:
                raise auth_error("Invalid nonce - nonce has already been used.")
            used[nonce] = stamp
