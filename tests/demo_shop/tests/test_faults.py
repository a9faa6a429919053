"""Fault injection (demo-only): each mode, counts, path and method matching."""

import time

import pytest
import requests


@pytest.fixture(autouse=True)
def no_faults_left(shop):
    yield
    shop.admin_request("DELETE", "faults")


def test_latency(shop):
    """latency delays the answer, then serves the request normally."""
    shop.faults({"mode": "latency", "delay": 0.6})
    started = time.monotonic()
    response = shop.request("GET", "orders")
    assert time.monotonic() - started >= 0.6
    assert response.status_code == 200


def test_429_with_retry_after(shop):
    """429 answers Retry-After and a non-JSON page; the request is not processed."""
    shop.faults(
        {"mode": "429", "retry_after": 7, "path_prefix": "/wp-json/wc/v3/customers"}
    )
    response = shop.request(
        "POST", "customers", json={"email": "throttled@example.com"}
    )
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.headers["Content-Type"].startswith("text/html")
    assert (
        shop.request(
            "GET", "customers", params={"email": "throttled@example.com"}
        ).json()
        == []
    )


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors(shop, status):
    """500 answers WordPress's critical-error JSON; 502/503 a host's HTML page."""
    shop.faults({"mode": str(status)})
    response = shop.request("GET", "products")
    assert response.status_code == status
    if status == 500:
        assert response.json()["code"] == "internal_server_error"
    else:
        assert "<html>" in response.text
    assert shop.request("GET", "products").status_code == 200


def test_503_retry_after_http_date(shop):
    """retry_after may be an HTTP date, sent as is."""
    shop.faults({"mode": "503", "retry_after": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert (
        shop.request("GET", "orders").headers["Retry-After"]
        == "Wed, 21 Oct 2015 07:28:00 GMT"
    )


def test_timeout(shop):
    """timeout holds the request without answering: the client's read timeout fires."""
    shop.faults({"mode": "timeout", "delay": 3})
    with pytest.raises(requests.exceptions.ReadTimeout):
        shop.request("GET", "orders", timeout=0.5)


def test_malformed_json(shop):
    """malformed_json answers 200 with a body that does not parse."""
    shop.faults({"mode": "malformed_json"})
    response = shop.request("GET", "orders")
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_drop(shop):
    """drop closes the connection without any answer."""
    shop.faults({"mode": "drop"})
    with pytest.raises(requests.exceptions.ConnectionError):
        shop.request("GET", "orders")
    assert shop.request("GET", "orders").status_code == 200


def test_lost_answer(shop):
    """lost_answer serves the request, then closes the connection unanswered."""
    shop.faults({"mode": "lost_answer", "method": "POST"})
    body = {"email": "lost.answer@example.com", "first_name": "Lost"}
    with pytest.raises(requests.exceptions.ConnectionError):
        shop.request("POST", "customers", json=body)
    found = shop.request("GET", "customers", params={"email": body["email"]}).json()
    assert [customer["first_name"] for customer in found] == ["Lost"]


def test_count_and_order(shop):
    """A fault hits exactly the next count matching requests, first-in first-out."""
    shop.admin_request(
        "POST", "faults", json=[{"mode": "503", "count": 2}, {"mode": "502"}]
    )
    assert [shop.request("GET", "orders").status_code for _ in range(4)] == [
        503,
        503,
        502,
        200,
    ]


def test_path_prefix_and_method(shop):
    """Only requests under path_prefix (and of method, when given) are affected."""
    shop.faults(
        {"mode": "500", "path_prefix": "/wp-json/wc/v3/orders", "method": "POST"}
    )
    assert shop.request("GET", "orders").status_code == 200
    assert (
        shop.request("POST", "products", json={"name": "Unaffected"}).status_code == 201
    )
    assert shop.request("POST", "orders", json={}).status_code == 500


def test_list_and_clear(shop):
    """GET lists pending faults with their remaining count; DELETE clears them."""
    shop.faults({"mode": "429", "count": 3})
    shop.request("GET", "orders")
    pending = shop.admin_request("GET", "faults").json()["faults"]
    assert [(f["mode"], f["count"]) for f in pending] == [("429", 2)]
    shop.admin_request("DELETE", "faults")
    assert shop.admin_request("GET", "faults").json()["faults"] == []
    assert shop.request("GET", "orders").status_code == 200


@pytest.mark.parametrize(
    "spec",
    [{"mode": "418"}, {"mode": "429", "count": 0}, {"mode": "latency", "delay": -1}],
)
def test_invalid_fault(shop, spec):
    """An unknown mode, a non-positive count or a negative delay is refused with 400."""
    response = shop.admin_request("POST", "faults", json=spec)
    assert response.status_code == 400
    assert shop.admin_request("GET", "faults").json()["faults"] == []


def test_admin_endpoints_are_not_faulted(shop):
    """Faults only apply to the API, never to the admin endpoints."""
    shop.faults({"mode": "drop", "path_prefix": "/"})
    assert shop.admin_request("GET", "status").status_code == 200
