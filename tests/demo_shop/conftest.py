"""Fixtures: a demo shop per test module, reached over real HTTP on loopback."""

import base64
import hashlib
import hmac
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from connector_demo_shop.demo_shop.server import DemoShopServer

KEY = "ck_test_0123456789"
SECRET = "cs_test_9876543210"


class ShopClient:
    """A running shop and a session authenticated with its read_write key."""

    def __init__(self, url, key=KEY, secret=SECRET, server=None):
        self.url = url
        self.key = key
        self.secret = secret
        self.server = server
        self.session = requests.Session()
        self.session.trust_env = False  # never through a proxy: the shop is on loopback

    def api(self, method, path, auth=True, **kwargs):
        kwargs.setdefault("timeout", 10)
        if auth is True:
            kwargs["auth"] = (self.key, self.secret)
        elif auth:
            kwargs["auth"] = auth
        return self.session.request(
            method, f"{self.url}/wp-json/wc/v3/{path}", **kwargs
        )

    def admin(self, method, path, **kwargs):
        kwargs.setdefault("timeout", 10)
        kwargs.setdefault("auth", (self.key, self.secret))
        return self.session.request(method, f"{self.url}/demo-shop/{path}", **kwargs)

    def add_key(self, key, secret, permissions="read_write", capable=True):
        body = {
            "consumer_key": key,
            "consumer_secret": secret,
            "permissions": permissions,
            "capable": capable,
        }
        assert self.admin("POST", "keys", json=body).status_code == 201

    def fault(self, **spec):
        response = self.admin("POST", "faults", json=spec)
        assert response.status_code == 201, response.text
        return response.json()

    def deliveries(self, wait=5):
        return self.admin("GET", "deliveries", params={"wait": wait}).json()[
            "deliveries"
        ]


def start_shop(directory, seed=None, **kwargs):
    server = DemoShopServer(
        os.path.join(str(directory), "shop.sqlite3"),
        key=KEY,
        secret=SECRET,
        seed=seed,
        webhook_timeout=5,
        **kwargs,
    )
    server.start()
    return ShopClient(server.url, server=server)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """An unseeded shop for the module."""
    client = start_shop(tmp_path_factory.mktemp("shop"))
    yield client
    client.session.close()
    client.server.stop()


@pytest.fixture(scope="session")
def seeded_shop(tmp_path_factory):
    """A shop seeded with 42, shared by the session: tests only read it."""
    client = start_shop(tmp_path_factory.mktemp("seeded"), seed=42)
    yield client
    client.session.close()
    client.server.stop()


class Receiver:
    """A local webhook receiver recording raw bodies and headers; answers ``status``."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.delay = 0.0
        self.condition = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.delay:
                    threading.Event().wait(receiver.delay)
                with receiver.condition:
                    receiver.requests.append(
                        {"headers": dict(self.headers), "body": body, "path": self.path}
                    )
                    receiver.condition.notify_all()
                self.send_response(receiver.status)
                if receiver.status in (301, 302):
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def wait_for(self, count, timeout=10):
        with self.condition:
            self.condition.wait_for(lambda: len(self.requests) >= count, timeout)
            return list(self.requests)

    def events(self):
        return [req for req in self.requests if "X-WC-Webhook-Topic" in req["headers"]]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    """A webhook receiver for one test."""
    rec = Receiver()
    yield rec
    rec.close()


def expected_signature(secret, raw_body):
    return base64.b64encode(
        hmac.new(secret.encode(), raw_body, hashlib.sha256).digest()
    ).decode()
