"""Fixtures: a demo shop per test module, reached over real HTTP on loopback."""

import base64
import hashlib
import hmac
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from demo_shop.client import ShopClient
from demo_shop.server import DemoShopServer

KEY = "ck_test_0123456789"
SECRET = "cs_test_9876543210"
ADMIN_TOKEN = "adm_test_0123456789"


def start_shop(directory, seed=None, **kwargs):
    """An in-process shop in ``directory`` and its client (``client.server``)."""
    kwargs.setdefault("webhook_timeout", 5)
    server = DemoShopServer(
        os.path.join(str(directory), "shop.sqlite3"),
        key=KEY,
        secret=SECRET,
        seed=seed,
        admin_token=ADMIN_TOKEN,
        **kwargs,
    )
    server.start()
    client = ShopClient(server.url, KEY, SECRET, admin_token=ADMIN_TOKEN, timeout=10)
    client.server = server
    return client


def stop_shop(client):
    client.stop()
    client.server.stop()


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """An unseeded shop for the module."""
    client = start_shop(tmp_path_factory.mktemp("shop"))
    yield client
    stop_shop(client)


@pytest.fixture(scope="session")
def seeded_shop(tmp_path_factory):
    """A shop seeded with 42 (the ``default`` profile, whose sample data the
    tests know), shared by the session: tests only read it."""
    client = start_shop(
        tmp_path_factory.mktemp("seeded"), seed=42, seed_profile="default"
    )
    yield client
    stop_shop(client)


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
