"""Webhook failures: no retries, counting, auto-disable, reset."""

import pytest


@pytest.fixture(autouse=True)
def clean_webhooks(shop):
    yield
    shop.deliveries(wait=10)
    for hook in shop.request("GET", "webhooks", params={"per_page": 100}).json():
        shop.request("DELETE", f"webhooks/{hook['id']}", params={"force": "true"})


def _hook(shop, receiver, topic="customer.created"):
    body = {"topic": topic, "delivery_url": receiver.url, "secret": "x"}
    hook = shop.request("POST", "webhooks", json=body).json()
    shop.deliveries(wait=10)
    return hook


def _create_customers(shop, count, prefix):
    for index in range(count):
        shop.request(
            "POST", "customers", json={"email": f"{prefix}{index}@example.com"}
        )
        shop.deliveries(wait=10)


def _failure_count(shop, hook):
    return shop.server.store.get("webhook", hook["id"])["failure_count"]


def test_seventh_failure_disables(shop, receiver):
    """Six failures only count; the seventh consecutive one disables the webhook."""
    receiver.status = 500
    hook = _hook(shop, receiver)
    _create_customers(shop, 6, "fail")
    assert shop.request("GET", f"webhooks/{hook['id']}").json()["status"] == "active"
    assert _failure_count(shop, hook) == 6
    _create_customers(shop, 1, "last")
    assert shop.request("GET", f"webhooks/{hook['id']}").json()["status"] == "disabled"
    events = [
        req for req in receiver.requests if "X-WC-Webhook-Topic" in req["headers"]
    ]
    assert len(events) == 7  # one attempt per event: no retries


def test_disabled_delivers_nothing_until_reactivated(shop, receiver):
    """A disabled webhook is silent; PUT status=active turns deliveries back on."""
    receiver.status = 404
    hook = _hook(shop, receiver)
    _create_customers(shop, 7, "off")
    attempts = len(receiver.requests)
    _create_customers(shop, 2, "silent")
    assert len(receiver.requests) == attempts
    receiver.status = 200
    shop.request("PUT", f"webhooks/{hook['id']}", json={"status": "active"})
    _create_customers(shop, 1, "back")
    assert len(receiver.requests) == attempts + 1


def test_success_resets_counter_and_redirect_counts_as_success(shop, receiver):
    """A 302 answer is a success (not followed) and resets the failure counter."""
    receiver.status = 503
    hook = _hook(shop, receiver)
    _create_customers(shop, 3, "flaky")
    assert _failure_count(shop, hook) == 3
    receiver.status = 302
    _create_customers(shop, 1, "moved")
    assert _failure_count(shop, hook) == 0
    log = shop.deliveries()
    assert log[-1]["status_code"] == 302 and log[-1]["success"] is True


def test_unreachable_receiver_is_a_failure(shop):
    """A refused connection counts as a failure and is logged with its error."""
    hook = shop.request(
        "POST",
        "webhooks",
        json={"topic": "customer.created", "delivery_url": "http://127.0.0.1:9/x"},
    ).json()
    shop.deliveries(wait=10)
    _create_customers(shop, 1, "nowhere")
    assert _failure_count(shop, hook) == 1
    entry = [d for d in shop.deliveries() if not d["ping"]][-1]
    assert entry["status_code"] is None and entry["error"] and entry["success"] is False
