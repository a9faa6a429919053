"""Trash of products and orders: trash first, then 410, force deletes for good."""

import pytest


@pytest.mark.parametrize(
    "resource,body", [("products", {"name": "Trashable"}), ("orders", {})]
)
def test_trash_then_force(shop, resource, body):
    """DELETE trashes (200, status trash), again is 410, force=true deletes for good."""
    record = shop.request("POST", resource, json=body).json()
    path = f"{resource}/{record['id']}"
    trashed = shop.request("DELETE", path)
    assert trashed.status_code == 200 and trashed.json()["id"] == record["id"]
    assert shop.request("GET", path).json()["status"] == "trash"
    again = shop.request("DELETE", path)
    assert (
        again.status_code == 410
        and again.json()["code"] == "woocommerce_rest_already_trashed"
    )
    forced = shop.request("DELETE", path, params={"force": "true"})
    assert forced.status_code == 200 and forced.json()["status"] == "trash"
    assert shop.request("GET", path).status_code == 404


@pytest.mark.parametrize(
    "resource,body", [("products", {"name": "Listed"}), ("orders", {})]
)
def test_trash_is_hidden_from_any(shop, resource, body):
    """Trashed records leave the default (any) list and appear with status=trash."""
    record = shop.request("POST", resource, json=body).json()
    shop.request("DELETE", f"{resource}/{record['id']}")
    default_ids = {
        item["id"]
        for item in shop.request("GET", resource, params={"per_page": 100}).json()
    }
    trash_ids = {
        item["id"]
        for item in shop.request("GET", resource, params={"status": "trash"}).json()
    }
    assert record["id"] not in default_ids and record["id"] in trash_ids


def test_force_delete_answers_record_before(shop):
    """A permanent delete of a live product answers it as it was (status publish)."""
    product = shop.request("POST", "products", json={"name": "Direct"}).json()
    deleted = shop.request(
        "DELETE", f"products/{product['id']}", params={"force": "true"}
    ).json()
    assert deleted["status"] == "publish" and deleted["name"] == "Direct"


def test_trash_bumps_modified_date(shop):
    """Trashing moves date_modified_gmt: modified_after polling sees it."""
    shop.admin_request("POST", "clock", json={"now": "2031-01-01T00:00:00"})
    order = shop.request("POST", "orders", json={}).json()
    shop.admin_request("POST", "clock", json={"now": "2031-01-02T00:00:00"})
    try:
        shop.request("DELETE", f"orders/{order['id']}")
    finally:
        shop.admin_request("DELETE", "clock")
    found = shop.request(
        "GET",
        "orders",
        params={"status": "trash", "modified_after": "2031-01-01T12:00:00"},
    ).json()
    assert [o["id"] for o in found] == [order["id"]]
    assert found[0]["date_modified_gmt"] == "2031-01-02T00:00:00"


def test_force_required_resources(shop):
    """Customers and webhooks refuse a delete without force with 501."""
    customer = shop.request(
        "POST", "customers", json={"email": "keep@example.com"}
    ).json()
    hook = shop.request(
        "POST",
        "webhooks",
        json={"topic": "order.created", "delivery_url": "http://127.0.0.1:9/x"},
    ).json()
    for path in (f"customers/{customer['id']}", f"webhooks/{hook['id']}"):
        response = shop.request("DELETE", path)
        assert (
            response.status_code == 501
            and response.json()["code"] == "woocommerce_rest_trash_not_supported"
        )
