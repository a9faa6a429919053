# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The connector signs its requests with OAuth 1.0a over plain http, as a
WooCommerce store requires, and keeps Basic authentication over https."""

import logging
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import requests

from ..components.adapter import DemoShopClient
from ..exception import DemoShopAuthenticationError
from .common import DemoShopCase


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@contextmanager
def every_log_line():
    """Every line logged meanwhile at any level, whatever the loggers' levels."""
    handler = _Capture()
    root = logging.getLogger()
    levels = {
        name: logger.level
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    root_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in levels:
        logging.getLogger(name).setLevel(logging.NOTSET)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)
        root.setLevel(root_level)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


class TestOAuthSigning(DemoShopCase):
    reset_shop_each_test = False

    def client(self, secret=None):
        return DemoShopClient(
            self.shop_url,
            self.shop_key,
            secret or self.shop_secret,
            timeout=10,
            label=self.backend.name,
        )

    def test_http_requests_are_signed_and_accepted(self):
        """Over http every request carries an HMAC-SHA256 signature in its
        query string, no Basic header, and the shop accepts it."""
        client = self.backend._get_client()
        self.assertEqual(client.signing, "oauth1")
        response = client._send("GET", "customers", params={"per_page": 2})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()), 2)
        query = parse_qs(urlsplit(response.request.url).query)
        self.assertEqual(query["oauth_signature_method"], ["HMAC-SHA256"])
        self.assertEqual(query["oauth_consumer_key"], [self.shop_key])
        self.assertTrue(query["oauth_signature"][0])
        self.assertNotIn("Authorization", response.request.headers)
        self.assertNotIn(self.shop_secret, response.request.url)

    def test_the_shop_verifies_the_signature(self):
        """A replayed signed request is refused by its nonce: the shop
        checked the signature, not a password."""
        client = self.client()
        response = client._send("GET", "products", params={"per_page": 1})
        # the very same signed URL, sent again without a new signature
        replay = requests.get(response.request.url, timeout=10)
        self.assertEqual(replay.status_code, 401)
        self.assertIn("nonce", replay.json()["message"].lower())

    def test_imports_and_exports_run_signed(self):
        """A job reading and writing the shop works with signed requests."""
        customer = self.shop_get("/customers", per_page=1)[0]
        self.env["demo.shop.res.partner"].import_record(
            self.backend, str(customer["id"])
        )
        with self.backend.work_on("demo.shop.res.partner") as work:
            adapter = work.component(usage="backend.adapter")
            self.assertEqual(adapter.client.signing, "oauth1")
            adapter.write(customer["id"], {"first_name": "Signed"})
        self.assertEqual(
            self.shop_get(f"/customers/{customer['id']}")["first_name"], "Signed"
        )

    def test_wrong_secret_is_refused_naming_the_backend(self):
        """A wrong secret: a clear authentication error naming the backend,
        and no secret in it."""
        wrong = "cs_wrong_0123456789"
        backend = self.backend.copy(
            {"name": "Shop With A Wrong Secret", "consumer_key": self.shop_key}
        )
        backend.consumer_secret = wrong
        with self.assertRaises(DemoShopAuthenticationError) as caught:
            self.env["demo.shop.res.partner"].import_record(backend, "1")
        message = str(caught.exception)
        self.assertIn("Shop With A Wrong Secret", message)
        self.assertIn("answered 401", message)
        self.assertIn("signature", message)
        self.assertIn("fix them on the backend", message)
        self.assertNotIn(wrong, message)

    def test_credentials_are_never_logged(self):
        """Every log line of signed requests, a refused one included, at every
        level (the request libraries' debug lines show signed URLs): neither
        the consumer key nor the secret."""
        wrong = "cs_wrong_9876543210"
        with every_log_line() as lines:
            self.client()._send("GET", "customers", params={"per_page": 1})
            with self.assertRaises(DemoShopAuthenticationError):
                self.client(secret=wrong)._send("GET", "customers")
        self.assertTrue(lines)
        logged = "\n".join(lines)
        self.assertIn("oauth_consumer_key=***", logged)
        self.assertNotIn(self.shop_key, logged)
        self.assertNotIn(self.shop_secret, logged)
        self.assertNotIn(wrong, logged)

    def test_https_keeps_basic_auth(self):
        """Over https the key and secret go in a Basic header, unsigned."""
        client = DemoShopClient("https://shop.example.com", "ck_x", "cs_x")
        self.assertEqual(client.signing, "basic")
        self.assertEqual(client.session.auth, ("ck_x", "cs_x"))

    def test_unknown_signing_is_refused(self):
        with self.assertRaisesRegex(ValueError, "unknown signing 'digest'"):
            DemoShopClient(self.shop_url, "ck_x", "cs_x", signing="digest")
