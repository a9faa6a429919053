"""Webhooks: registration, signed asynchronous deliveries, payloads, ping."""

import json
import time

import pytest

from .conftest import expected_signature

SECRET = "s3cret/with+signs"


@pytest.fixture(autouse=True)
def clean_webhooks(shop):
    yield
    shop.deliveries(wait=10)
    for hook in shop.request("GET", "webhooks", params={"per_page": 100}).json():
        shop.request("DELETE", f"webhooks/{hook['id']}", params={"force": "true"})
    shop.admin_request("DELETE", "deliveries")


def _hook(shop, receiver, topic, **extra):
    body = {
        "name": topic,
        "topic": topic,
        "delivery_url": receiver.url,
        "secret": SECRET,
        **extra,
    }
    response = shop.request("POST", "webhooks", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_ping_on_creation(shop, receiver):
    """Creating a webhook sends one unsigned form-style ping 'webhook_id=<id>'."""
    hook = _hook(shop, receiver, "order.created")
    ping = receiver.wait_for(1)[0]
    assert ping["body"] == f"webhook_id={hook['id']}".encode()
    assert not any(name.startswith("X-WC-Webhook") for name in ping["headers"])
    assert ping["headers"]["User-Agent"].startswith("WooCommerce/")


def test_resource_fields(shop, receiver):
    """The webhook answers resource, event, hooks, naive dates, and never its secret."""
    hook = _hook(shop, receiver, "product.updated")
    assert (hook["resource"], hook["event"], hook["status"]) == (
        "product",
        "updated",
        "active",
    )
    assert "woocommerce_update_product" in hook["hooks"]
    assert "secret" not in hook and hook["date_created_gmt"]


def test_signed_delivery(shop, receiver):
    """A product.created delivery has the seven headers and an HMAC of the raw body."""
    hook = _hook(shop, receiver, "product.created")
    product = shop.request(
        "POST", "products", json={"name": "Ünïcode / slash", "regular_price": "3"}
    ).json()
    received = receiver.wait_for(2)
    delivery = next(req for req in received if "X-WC-Webhook-Topic" in req["headers"])
    headers = delivery["headers"]
    assert headers["X-WC-Webhook-Topic"] == "product.created"
    assert headers["X-WC-Webhook-Resource"] == "product"
    assert headers["X-WC-Webhook-Event"] == "created"
    assert headers["X-WC-Webhook-ID"] == str(hook["id"])
    assert headers["X-WC-Webhook-Source"] == shop.url + "/"
    assert len(headers["X-WC-Webhook-Delivery-ID"]) == 32
    assert headers["Content-Type"] == "application/json"
    assert headers["X-WC-Webhook-Signature"] == expected_signature(
        SECRET, delivery["body"]
    )
    assert (
        b"\\/" in delivery["body"] and b"\\u00dc" in delivery["body"]
    )  # WordPress JSON escaping
    payload = json.loads(delivery["body"])
    assert payload["id"] == product["id"] and payload["name"] == "Ünïcode / slash"


def test_trash_delivers_id_only(shop, receiver):
    """order.deleted fires on trash with the body {"id": n}."""
    _hook(shop, receiver, "order.deleted")
    order = shop.request("POST", "orders", json={}).json()
    shop.request("DELETE", f"orders/{order['id']}")
    shop.deliveries(wait=10)
    events = receiver.events()
    assert [json.loads(req["body"]) for req in events] == [{"id": order["id"]}]


def test_updates_coalesce_and_carry_current_state(shop, receiver):
    """Updates while a delivery is pending coalesce into one with the latest state."""
    shop.server.webhooks.delay = 1.5
    try:
        _hook(shop, receiver, "customer.updated")
        customer = shop.request(
            "POST", "customers", json={"email": "coalesce@example.com"}
        ).json()
        for name in ("One", "Two", "Three"):
            shop.request(
                "PUT", f"customers/{customer['id']}", json={"first_name": name}
            )
        shop.deliveries(wait=10)
    finally:
        shop.server.webhooks.delay = 0.0
    events = receiver.events()
    assert len(events) == 1
    assert json.loads(events[0]["body"])["first_name"] == "Three"


def test_delivery_is_after_the_response(shop, receiver):
    """A slow receiver does not slow the API call that triggered the event."""
    _hook(shop, receiver, "customer.created")
    shop.deliveries(wait=10)
    receiver.delay = 2.0
    started = time.monotonic()
    shop.request("POST", "customers", json={"email": "fast@example.com"})
    assert time.monotonic() - started < 1.5
    assert (
        receiver.wait_for(2, timeout=10)[-1]["headers"]["X-WC-Webhook-Topic"]
        == "customer.created"
    )


def test_inactive_and_unrelated_topics(shop, receiver):
    """Paused webhooks and other topics deliver nothing."""
    paused = _hook(shop, receiver, "product.updated", status="paused")
    product = shop.request("POST", "products", json={"name": "Quiet"}).json()
    shop.request("PUT", f"products/{product['id']}", json={"name": "Still quiet"})
    shop.deliveries(wait=10)
    assert receiver.events() == []
    assert shop.request("GET", f"webhooks/{paused['id']}").json()["status"] == "paused"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"delivery_url": "http://127.0.0.1:9/x"}, "rest_missing_callback_param"),
        (
            {"topic": "order.shipped", "delivery_url": "http://127.0.0.1:9/x"},
            "woocommerce_rest_shop_webhook_invalid_topic",
        ),
        (
            {"topic": "order.created", "delivery_url": "ftp://example.com"},
            "woocommerce_rest_shop_webhook_invalid_delivery_url",
        ),
    ],
)
def test_create_validation(shop, body, code):
    """Missing topic, unknown topic and non-HTTP URLs are refused with their codes."""
    response = shop.request("POST", "webhooks", json=body)
    assert response.status_code == 400 and response.json()["code"] == code


def test_update_and_missing(shop, receiver):
    """PUT changes status; a bad status and a missing id answer 400 with their codes."""
    hook = _hook(shop, receiver, "order.updated")
    assert (
        shop.request("PUT", f"webhooks/{hook['id']}", json={"status": "paused"}).json()[
            "status"
        ]
        == "paused"
    )
    bad = shop.request("PUT", f"webhooks/{hook['id']}", json={"status": "sleeping"})
    assert bad.json()["code"] == "woocommerce_rest_shop_webhook_invalid_status"
    missing = shop.request("GET", "webhooks/55555")
    assert (
        missing.status_code == 400
        and missing.json()["code"] == "woocommerce_rest_shop_webhook_invalid_id"
    )


def test_list_filter_by_status(shop, receiver):
    """GET /webhooks filters by status."""
    _hook(shop, receiver, "order.created")
    _hook(shop, receiver, "order.updated", status="paused")
    assert [
        h["topic"]
        for h in shop.request("GET", "webhooks", params={"status": "paused"}).json()
    ] == ["order.updated"]
    assert len(shop.request("GET", "webhooks").json()) == 2


def test_admin_registration_is_idempotent(shop, receiver):
    """POST /demo-shop/webhooks registers the core topics once, even when repeated."""
    for _ in range(2):
        response = shop.admin_request(
            "POST", "webhooks", json={"delivery_url": receiver.url}
        )
        assert response.status_code == 200
    hooks = shop.request("GET", "webhooks", params={"per_page": 100}).json()
    assert len(hooks) == 9 and {h["delivery_url"] for h in hooks} == {receiver.url}
    pings = [
        req for req in receiver.wait_for(9) if req["body"].startswith(b"webhook_id=")
    ]
    assert len(pings) == 9
