"""Batch endpoints: limit 100 → 413, per-entry errors, 200 overall."""

import pytest


def test_over_limit_is_413(shop):
    """Over 100 entries in total refuse the whole request (413), creating nothing."""
    before = shop.request("GET", "products").headers["X-WP-Total"]
    body = {
        "create": [{"name": f"P{i}"} for i in range(60)],
        "delete": list(range(1, 42)),
    }
    response = shop.request("POST", "products/batch", json=body)
    assert response.status_code == 413
    assert response.json()["code"] == "woocommerce_rest_request_entity_too_large"
    assert (
        response.json()["message"]
        == "Unable to accept more than 100 items for this request."
    )
    assert shop.request("GET", "products").headers["X-WP-Total"] == before


def test_exactly_100_is_accepted(shop):
    """100 entries are within the limit."""
    response = shop.request(
        "POST",
        "products/categories/batch",
        json={"create": [{"name": f"Cat {i}"} for i in range(100)]},
    )
    assert response.status_code == 200 and len(response.json()["create"]) == 100


def test_per_entry_errors_do_not_stop_others(shop):
    """Failed entries carry an error (id 0 on create, else the id sent)."""
    owner = shop.request(
        "POST", "products", json={"name": "Owner", "sku": "B-OWN"}
    ).json()
    doomed = shop.request("POST", "products", json={"name": "Doomed"}).json()
    body = {
        "create": [{"name": "Fine"}, {"name": "Clash", "sku": "B-OWN"}],
        "update": [
            {"id": 987654, "name": "Ghost"},
            {"id": owner["id"], "name": "Renamed"},
        ],
        "delete": [doomed["id"], 0, 876543],
    }
    response = shop.request("POST", "products/batch", json=body)
    assert response.status_code == 200
    result = response.json()
    assert set(result) == {"create", "update", "delete"}
    assert result["create"][0]["name"] == "Fine" and result["create"][0]["id"] > 0
    assert result["create"][1]["id"] == 0
    assert result["create"][1]["error"]["code"] == "product_invalid_sku"
    assert result["create"][1]["error"]["data"] == {
        "status": 400,
        "resource_id": owner["id"],
    }
    assert result["update"][0] == {
        "id": 987654,
        "error": {
            "code": "woocommerce_rest_product_invalid_id",
            "message": "Invalid ID.",
            "data": {"status": 400},
        },
    }
    assert result["update"][1]["name"] == "Renamed"
    assert [entry["id"] for entry in result["delete"]] == [doomed["id"], 876543]
    assert result["delete"][1]["error"]["data"]["status"] == 404
    assert (
        shop.request("GET", f"products/{doomed['id']}").status_code == 404
    )  # batch deletes are permanent


def test_only_present_keys(shop):
    """Only the operations sent appear in the answer."""
    response = shop.request(
        "PUT", "customers/batch", json={"create": [{"email": "batch1@example.com"}]}
    )
    assert response.status_code == 200 and list(response.json()) == ["create"]


def test_batch_on_each_resource(shop):
    """Batch exists for customers, products, categories, orders and webhooks."""
    for path in ("customers", "products", "products/categories", "orders", "webhooks"):
        assert shop.request("POST", f"{path}/batch", json={}).json() == {}


@pytest.mark.parametrize("body", [{"create": {"name": "x"}}, {"update": "nope"}])
def test_operation_must_be_a_list(shop, body):
    """A create/update/delete value that is not a list is rest_invalid_param."""
    assert (
        shop.request("POST", "products/batch", json=body).json()["code"]
        == "rest_invalid_param"
    )
