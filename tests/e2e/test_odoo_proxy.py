# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``tests/lib/odoo_proxy.py`` routes each request by its own path: the
websocket to the gevent port, everything else to the HTTP port."""

import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from .harness import REPO, free_port


def _upstream(name):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = f"{name} {self.path} {self.headers.get('X-Forwarded-For')}".encode()
            if self.headers.get("Upgrade", "").lower() == "websocket":
                self.send_response(101)
                self.send_header("Upgrade", "websocket")
                self.send_header("Connection", "Upgrade")
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def proxy():
    http, gevent = _upstream("http"), _upstream("gevent")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "tests" / "lib" / "odoo_proxy.py"),
            f"--listen={port}",
            f"--http={http.server_address[1]}",
            f"--gevent={gevent.server_address[1]}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert b"listening" in proc.stdout.readline()
    yield f"http://127.0.0.1:{port}", port
    proc.terminate()
    proc.wait(10)
    http.shutdown()
    gevent.shutdown()


def _raw(port, request):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while data := sock.recv(65536):
            chunks.append(data)
        return b"".join(chunks)


def test_http_requests_go_to_the_http_port(proxy):
    url, _port = proxy
    session = requests.Session()
    session.trust_env = False
    # one client connection kept alive: each request is routed by its path
    for path in ("/web/login", "/websocket", "/odoo/action-1"):
        answer = session.get(url + path, timeout=10)
        assert answer.text.startswith(f"http {path} 127.0.0.1"), answer.text


def test_websocket_upgrade_goes_to_the_gevent_port(proxy):
    _url, port = proxy
    answer = _raw(
        port,
        b"GET /websocket?version=1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.0 101"), answer
    assert b"gevent /websocket?version=1 127.0.0.1" in answer


def test_spoofed_forwarding_headers_replaced(proxy):
    _url, port = proxy
    answer = _raw(
        port,
        b"GET /a HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n",
    )
    assert answer.endswith(b"http /a 127.0.0.1"), answer


def test_oversized_head_refused(proxy):
    _url, port = proxy
    answer = _raw(port, b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431"), answer[:80]


def test_upstream_down_is_a_502():
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "tests" / "lib" / "odoo_proxy.py"),
            f"--listen={port}",
            f"--http={free_port()}",
            f"--gevent={free_port()}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert b"listening" in proc.stdout.readline()
        time.sleep(0.1)
        answer = _raw(port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 502"), answer
    finally:
        proc.terminate()
        proc.wait(10)
