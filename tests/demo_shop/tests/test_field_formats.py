"""Field formats on seeded data: dates, money, numbers, stock."""

import re

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
MONEY = re.compile(r"^-?\d+\.\d{2}$")


def _dates_ok(item, names):
    for name in names:
        value, gmt = item[name], item[name + "_gmt"]
        assert value == gmt  # the demo's site timezone is UTC
        assert gmt is None or DATE.match(gmt), (name, gmt)


def test_order_formats(seeded_shop):
    """Orders: int id, str number, 2-decimal money, numeric line price, dates."""
    for order in seeded_shop.request("GET", "orders", params={"per_page": 50}).json():
        assert isinstance(order["id"], int) and order["number"] == str(order["id"])
        _dates_ok(
            order, ("date_created", "date_modified", "date_paid", "date_completed")
        )
        for field in ("total", "total_tax", "shipping_total", "discount_total"):
            assert MONEY.match(order[field]), (field, order[field])
        for line in order["line_items"]:
            assert isinstance(line["quantity"], int) and MONEY.match(line["total"])
            assert isinstance(line["price"], (int, float)) and not isinstance(
                line["price"], bool
            )
        assert order["_links"]["self"][0]["href"].endswith(f"/orders/{order['id']}")


def test_paid_dates_follow_status(seeded_shop):
    """Paid statuses carry date_paid, pending not; completed has date_completed."""
    orders = seeded_shop.request("GET", "orders", params={"per_page": 100}).json()
    for order in orders:
        if order["status"] in ("processing", "completed"):
            assert order["date_paid_gmt"]
        if order["status"] == "pending":
            assert order["date_paid_gmt"] is None
        assert (order["date_completed_gmt"] is not None) == (
            order["status"] == "completed"
        )


def test_product_formats(seeded_shop):
    """Products: prices are stored strings, stock null unless managed, dates."""
    products = seeded_shop.request("GET", "products", params={"per_page": 100}).json()
    assert any(
        re.fullmatch(r"\d+", p["regular_price"]) for p in products
    )  # "10", not "10.00"
    for product in products:
        assert isinstance(product["regular_price"], str) and isinstance(
            product["price"], str
        )
        assert product["sale_price"] == "" or product["on_sale"]
        if not product["manage_stock"]:
            assert product["stock_quantity"] is None
        else:
            assert isinstance(product["stock_quantity"], int)
        _dates_ok(product, ("date_created", "date_modified"))


def test_customer_formats(seeded_shop):
    """Customers: naive dates, full billing/shipping objects with ISO country codes."""
    for customer in seeded_shop.request(
        "GET", "customers", params={"per_page": 100}
    ).json():
        _dates_ok(customer, ("date_created", "date_modified"))
        assert re.fullmatch(r"[A-Z]{2}", customer["billing"]["country"])
        assert customer["billing"]["email"] == customer["email"]


def test_json_content_type(seeded_shop):
    """Responses are application/json; charset=UTF-8."""
    assert (
        seeded_shop.request("GET", "orders").headers["Content-Type"]
        == "application/json; charset=UTF-8"
    )
