"""Nothing a client sends can crash a worker, pin a thread or inject a header."""

import socket
import threading
import time

import pytest
import requests

from .conftest import start_shop, stop_shop


def _raw(shop, data, timeout=5.0):
    """Send raw bytes; the whole answer until the shop closes or goes quiet."""
    host, port = shop.url.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except TimeoutError:
            pass
    return answer


@pytest.mark.parametrize("resource", ["products", "customers", "orders", "webhooks"])
def test_absurd_id_is_a_missing_record(shop, resource):
    """A 5,000-digit id (or one past SQLite's integers) is a missing record."""
    missing = shop.request("GET", f"{resource}/987654")
    assert missing.status_code in (400, 404)  # webhooks answer 400, as WooCommerce
    for digits in ("9" * 5000, "9" * 25):
        response = shop.request("GET", f"{resource}/{digits}")
        assert response.status_code == missing.status_code, response.text
        assert response.json() == missing.json()
    assert shop.request("PUT", f"products/{'9' * 5000}", json={}).status_code == 400


def test_non_ascii_digits_are_no_route(shop):
    """Only ASCII digits make an id: an Arabic-Indic digit is an unknown route."""
    assert shop.request("GET", "products/\u0661").status_code == 404
    assert shop.request("GET", "products/\u0661").json()["code"] == "rest_no_route"


def test_deep_json_is_400(shop):
    """100,000 nested brackets answer 400 rest_invalid_json, on the API and admin."""
    deep = b"[" * 100_000
    headers = {"Content-Type": "application/json"}
    response = shop.request("POST", "products", data=deep, headers=headers)
    assert response.status_code == 400
    assert response.json()["code"] == "rest_invalid_json"
    assert shop.admin_request("POST", "faults", data=deep).status_code == 400
    assert shop.request("GET", "products").status_code == 200


@pytest.mark.parametrize("wait", ["nan", "inf", "-inf", "-1", "abc", "1e999"])
def test_deliveries_wait_must_be_a_bounded_number(shop, receiver, wait):
    """``wait`` that is not a finite number of seconds >= 0 answers 400 at once."""
    receiver.delay = 2.0
    shop.admin("POST", "webhooks", json={"delivery_url": receiver.url})
    try:
        shop.request("POST", "customers", json={"email": f"w{time.time()}@ex.com"})
        started = time.monotonic()
        response = shop.admin_request("GET", "deliveries", params={"wait": wait})
        assert response.status_code == 400, response.text
        assert time.monotonic() - started < 1.5
    finally:
        receiver.delay = 0.0
        for hook in shop.get("webhooks", per_page=100):
            shop.request("DELETE", f"webhooks/{hook['id']}", params={"force": "true"})
        shop.deliveries(wait=10)


def test_deliveries_huge_wait_is_capped(shop):
    """A huge finite ``wait`` is capped: nothing pending, the answer is immediate."""
    response = shop.admin_request("GET", "deliveries", params={"wait": "1e308"})
    assert response.status_code == 200
    assert response.json()["idle"] is True


def test_idle_connection_is_closed(tmp_path):
    """A connection that sends nothing is closed after the socket timeout."""
    shop = start_shop(tmp_path, socket_timeout=0.5)
    try:
        started = time.monotonic()
        assert _raw(shop, b"", timeout=5) == b""
        assert time.monotonic() - started < 4
    finally:
        stop_shop(shop)


def test_worker_pool_is_bounded(tmp_path):
    """Idle keep-alive connections never take more than ``max_workers`` threads."""
    before = threading.active_count()
    shop = start_shop(tmp_path, max_workers=4, socket_timeout=1.0)
    idle = []
    try:
        host, port = shop.url.rsplit("//", 1)[1].split(":")
        for _ in range(12):
            idle.append(socket.create_connection((host, int(port)), timeout=5))
        time.sleep(0.3)
        # The shop's own threads (serving loop, webhook worker) plus at most 4.
        assert threading.active_count() - before <= 4 + 3
        # Once the idle ones time out, a real request is served.
        assert shop.request("GET", "products", timeout=20).status_code == 200
    finally:
        for sock in idle:
            sock.close()
        stop_shop(shop)


def test_authentication_before_the_body_is_read(shop):
    """Bad credentials are refused without waiting for the announced body."""
    for path, auth in (
        ("/wp-json/wc/v3/products", "Basic " + "Y2tfeDpjc195"),  # ck_x:cs_y
        ("/demo-shop/reset", "Bearer not-the-token"),
    ):
        request = (
            f"POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        ).encode()
        started = time.monotonic()
        answer = _raw(shop, request, timeout=3)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert time.monotonic() - started < 2


def test_huge_content_length_is_refused_unread(shop):
    """A Content-Length past the limit, or absurdly long, is refused unread."""
    for length in (str(10**30), "9" * 5000, "12abc"):
        request = (
            "POST /wp-json/wc/v3/products HTTP/1.1\r\nHost: x\r\n"
            f"Content-Length: {length}\r\n\r\n"
        ).encode()
        answer = _raw(shop, request + b"", timeout=3).split(b"\r\n", 1)[0]
        assert answer.split()[1] in (b"400", b"401", b"413"), answer


@pytest.mark.parametrize(
    "retry_after", ["5\r\nX-Injected: yes", "5\nX-Injected: yes", "\u00e9t\u00e9", -3]
)
def test_fault_retry_after_is_never_written_raw(shop, retry_after):
    """A Retry-After with control characters or non-ASCII text is refused."""
    response = shop.admin_request(
        "POST", "faults", json={"mode": "503", "retry_after": retry_after}
    )
    assert response.status_code == 400, response.text
    answer = shop.request("GET", "products")
    assert answer.status_code == 200
    assert "X-Injected" not in answer.headers


def test_fault_retry_after_odd_but_safe_values_pass(shop):
    """Huge numbers and HTTP dates stay possible: clients must cope with them."""
    for value in (300000000000, "9" * 400, "Wed, 21 Oct 2015 07:28:00 GMT"):
        shop.faults({"mode": "429", "retry_after": value})
        assert shop.request("GET", "products").headers["Retry-After"] == str(value)


@pytest.mark.parametrize("offset", ["1e20", "-1e20", "1" + "0" * 400, "NaN"])
def test_huge_clock_offset_is_refused(shop, offset):
    """A clock offset beyond a century answers 400 and the clock keeps working."""
    response = shop.admin_request(
        "POST",
        "clock",
        data=f'{{"offset": {offset}}}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    created = shop.request("POST", "customers", json={"email": f"c{offset[:4]}@ex.com"})
    assert created.status_code == 201, created.text
    assert shop.admin_request("GET", "status").status_code == 200


def test_idle_keep_alives_do_not_block_new_clients(tmp_path):
    """More kept-alive clients than workers: a new client is still served at once.

    Each session keeps its connection open after its request (the default 30 s
    socket timeout applies); the shop closes idle ones to serve newcomers.
    """
    shop = start_shop(tmp_path, max_workers=4)
    sessions = [requests.Session() for _ in range(10)]
    try:
        for session in sessions:
            answer = session.get(f"{shop.url}/wp-json/wc/v3/products", timeout=10)
            assert answer.status_code == 401  # anonymous; the connection stays open
        started = time.monotonic()
        assert shop.request("GET", "products", timeout=10).status_code == 200
        assert time.monotonic() - started < 3
        # The evicted clients reconnect transparently.
        assert sessions[0].get(f"{shop.url}/wp-json/wc/v3/products").status_code == 401
    finally:
        for session in sessions:
            session.close()
        stop_shop(shop)
