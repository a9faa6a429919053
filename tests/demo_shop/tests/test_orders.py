"""Orders: totals, lines, shipping, set_paid, statuses, edits, errors."""

import pytest


@pytest.fixture(scope="module")
def catalogue(shop):
    customer = shop.request(
        "POST", "customers", json={"email": "buyer@example.com"}
    ).json()
    mug = shop.request(
        "POST", "products", json={"name": "Mug", "sku": "O-MUG", "regular_price": "10"}
    ).json()
    tee = shop.request(
        "POST",
        "products",
        json={"name": "Tee", "sku": "O-TEE", "regular_price": "12.5"},
    ).json()
    return {"customer": customer, "mug": mug, "tee": tee}


def _order(shop, catalogue, **values):
    body = {
        "customer_id": catalogue["customer"]["id"],
        "billing": {"first_name": "Ana", "email": "buyer@example.com"},
        "line_items": [
            {"product_id": catalogue["mug"]["id"], "quantity": 2},
            {"sku": "O-TEE", "quantity": 1, "total": "10.00", "subtotal": "12.50"},
        ],
        "shipping_lines": [
            {"method_id": "flat_rate", "method_title": "Flat rate", "total": "5.00"}
        ],
    }
    body.update(values)
    response = shop.request("POST", "orders", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_totals_are_computed(shop, catalogue):
    """total = lines + shipping; money is 2-decimal strings; line price is a number."""
    order = _order(shop, catalogue)
    assert order["status"] == "pending" and order["created_via"] == "rest-api"
    assert order["number"] == str(order["id"])
    assert (
        order["total"] == "35.00"
        and order["shipping_total"] == "5.00"
        and order["discount_total"] == "2.50"
    )
    assert order["total_tax"] == "0.00"
    mug_line, tee_line = order["line_items"]
    assert (
        mug_line["total"] == "20.00"
        and mug_line["price"] == 10
        and mug_line["sku"] == "O-MUG"
    )
    assert (
        tee_line["product_id"] == catalogue["tee"]["id"]
        and tee_line["subtotal"] == "12.50"
    )
    assert isinstance(tee_line["price"], (int, float)) and tee_line["price"] == 10
    assert order["_links"]["customer"][0]["href"].endswith(
        f"/customers/{catalogue['customer']['id']}"
    )


def test_dp_changes_decimals(shop, catalogue):
    """dp sets the number of decimals of money strings."""
    order = _order(shop, catalogue)
    assert (
        shop.request("GET", f"orders/{order['id']}", params={"dp": 3}).json()["total"]
        == "35.000"
    )


def test_set_paid(shop, catalogue):
    """set_paid on create: processing with date_paid; the customer becomes paying."""
    order = _order(shop, catalogue, set_paid=True)
    assert order["status"] == "processing" and order["date_paid_gmt"] is not None
    assert (
        shop.request("GET", f"customers/{catalogue['customer']['id']}").json()[
            "is_paying_customer"
        ]
        is True
    )


def test_status_transitions(shop, catalogue):
    """Completing sets date_completed; an unknown status is rest_invalid_param."""
    order = _order(shop, catalogue)
    assert order["date_completed_gmt"] is None
    completed = shop.request(
        "PUT", f"orders/{order['id']}", json={"status": "completed"}
    ).json()
    assert (
        completed["status"] == "completed"
        and completed["date_completed_gmt"]
        and completed["date_paid_gmt"]
    )
    bad = shop.request("PUT", f"orders/{order['id']}", json={"status": "shipped"})
    assert bad.status_code == 400 and bad.json()["code"] == "rest_invalid_param"


def test_line_item_edits(shop, catalogue):
    """Lines with an id update (total follows quantity), quantity 0 removes, new add."""
    order = _order(shop, catalogue)
    mug_line, tee_line = order["line_items"]
    updated = shop.request(
        "PUT",
        f"orders/{order['id']}",
        json={
            "line_items": [
                {"id": mug_line["id"], "quantity": 3},
                {"id": tee_line["id"], "quantity": 0},
                {"product_id": catalogue["tee"]["id"]},
            ]
        },
    ).json()
    lines = updated["line_items"]
    assert [line["id"] for line in lines[:1]] == [mug_line["id"]] and lines[0][
        "total"
    ] == "30.00"
    assert tee_line["id"] not in [line["id"] for line in lines]
    assert lines[1]["quantity"] == 1 and lines[1]["total"] == "12.50"
    assert updated["total"] == "47.50"


def test_line_item_errors(shop, catalogue):
    """Lines without product, foreign item ids, shipping without method are refused."""
    order = _order(shop, catalogue)
    no_product = shop.request("POST", "orders", json={"line_items": [{"quantity": 1}]})
    assert no_product.json()["code"] == "woocommerce_rest_required_product_reference"
    foreign = shop.request(
        "PUT",
        f"orders/{order['id']}",
        json={"line_items": [{"id": 999999, "quantity": 1}]},
    )
    assert (
        foreign.status_code == 400
        and foreign.json()["code"] == "woocommerce_rest_invalid_item_id"
    )
    shipping = shop.request(
        "POST", "orders", json={"shipping_lines": [{"total": "1.00"}]}
    )
    assert shipping.json()["code"] == "woocommerce_rest_invalid_shipping_item"
    assert (
        shop.request("GET", f"orders/{order['id']}").json()["line_items"]
        == order["line_items"]
    )


def test_invalid_customer(shop):
    """A customer_id that is no user answers woocommerce_rest_invalid_customer_id."""
    response = shop.request("POST", "orders", json={"customer_id": 424242})
    assert (
        response.status_code == 400
        and response.json()["code"] == "woocommerce_rest_invalid_customer_id"
    )


def test_missing_order_codes(shop):
    """A missing order is 404 on GET, 400 on PUT: shop_order_invalid_id."""
    assert shop.request("GET", "orders/777777").status_code == 404
    response = shop.request("PUT", "orders/777777", json={})
    assert (
        response.status_code == 400
        and response.json()["code"] == "woocommerce_rest_shop_order_invalid_id"
    )


def test_deleted_product_line_has_null_sku(shop, catalogue):
    """A line whose product no longer exists answers sku null and keeps its totals."""
    gone = shop.request(
        "POST",
        "products",
        json={"name": "Ephemeral", "sku": "EPH", "regular_price": "3"},
    ).json()
    order = shop.request(
        "POST",
        "orders",
        json={"line_items": [{"product_id": gone["id"], "quantity": 2}]},
    ).json()
    shop.request("DELETE", f"products/{gone['id']}", params={"force": "true"})
    line = shop.request("GET", f"orders/{order['id']}").json()["line_items"][0]
    assert line["sku"] is None and line["total"] == "6.00"


def test_guest_order(shop):
    """customer_id 0 is a guest order, without a customer link."""
    order = shop.request("POST", "orders", json={"billing": {"email": None}}).json()
    assert order["customer_id"] == 0 and "customer" not in order["_links"]
    assert order["billing"]["email"] is None
