"""The realistic seed: taxed orders that add up to the cent, as a store sends them."""

from decimal import Decimal

import pytest
from woocommerce import API

from .conftest import KEY, SECRET, start_shop, stop_shop

PHONE_CODES = {"DE": "+49", "FR": "+33", "ES": "+34", "US": "+1"}


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    client = start_shop(
        tmp_path_factory.mktemp("realistic"), seed=42, seed_profile="realistic"
    )
    yield client
    stop_shop(client)


def _orders(shop):
    return shop.all("orders", status="any", orderby="id", order="asc")


def _d(text):
    return Decimal(text)


def test_default_content_is_kept(shop, seeded_shop):
    """The realistic seed adds to the default one: the default orders are all there."""
    default_ids = {order["id"] for order in seeded_shop.all("orders", status="any")}
    assert default_ids <= {order["id"] for order in _orders(shop)}
    assert seeded_shop.admin("GET", "status")["orders"] == 240


def test_every_order_adds_up_to_the_cent(shop):
    """Line, fee and shipping amounts and taxes add up to the order's totals."""
    for order in _orders(shop):
        lines, fees, ships = (
            order["line_items"],
            order["fee_lines"],
            order["shipping_lines"],
        )
        for line in lines:
            assert _d(line["total_tax"]) == sum(
                (_d(tax["total"]) for tax in line["taxes"]), Decimal(0)
            )
            assert _d(line["subtotal_tax"]) == sum(
                (_d(tax["subtotal"]) for tax in line["taxes"]), Decimal(0)
            )
        items = sum((_d(line["total"]) for line in lines + fees), Decimal(0))
        shipping = sum((_d(line["total"]) for line in ships), Decimal(0))
        cart_tax = sum((_d(line["total_tax"]) for line in lines + fees), Decimal(0))
        ship_tax = sum((_d(line["total_tax"]) for line in ships), Decimal(0))
        assert _d(order["shipping_total"]) == shipping, order["id"]
        assert _d(order["cart_tax"]) == cart_tax, order["id"]
        assert _d(order["shipping_tax"]) == ship_tax, order["id"]
        assert _d(order["total_tax"]) == cart_tax + ship_tax, order["id"]
        assert _d(order["total"]) == items + shipping + cart_tax + ship_tax
        by_rate = sum(
            (
                _d(t["tax_total"]) + _d(t["shipping_tax_total"])
                for t in order["tax_lines"]
            ),
            Decimal(0),
        )
        assert by_rate == _d(order["total_tax"]), order["id"]
        discount = sum(
            (_d(line["subtotal"]) - _d(line["total"]) for line in lines), Decimal(0)
        )
        assert _d(order["discount_total"]) == discount, order["id"]


def test_prices_including_tax_give_back_the_shelf_price(shop):
    """Germany: 2 T-shirts at 24.90 and a book at 12.00 (7 %), tax included; shipping
    4.90 plus 19 %. Computed by hand: 41.85 + 7.95, 11.21 + 0.79, 4.90 + 0.93."""
    order = next(o for o in _orders(shop) if o["prices_include_tax"] and o["refunds"])
    shirt, book = order["line_items"]
    assert (shirt["total"], shirt["total_tax"]) == ("41.85", "7.95")
    assert (book["total"], book["total_tax"]) == ("11.21", "0.79")
    assert order["shipping_lines"][0]["total_tax"] == "0.93"
    assert (order["total_tax"], order["total"]) == ("9.67", "67.63")
    assert shirt["variation_id"] and shirt["name"].endswith(" - M")
    assert order["refunds"][0]["total"] == "-12.00"
    rates = sorted(line["rate_percent"] for line in order["tax_lines"])
    assert rates == [7.0, 19.0]


def test_the_seed_has_each_kind_of_order(shop):
    orders = _orders(shop)
    taxed = [o for o in orders if o["tax_lines"]]
    assert {o["prices_include_tax"] for o in taxed} == {True, False}
    assert any(o["coupon_lines"] for o in orders)
    fees = [_d(f["total"]) for o in orders for f in o["fee_lines"]]
    assert any(fee < 0 for fee in fees) and any(fee > 0 for fee in fees)
    assert any(len(o["shipping_lines"]) > 1 for o in orders)
    assert any(line["variation_id"] for o in orders for line in o["line_items"])
    assert {"EUR", "USD"} <= {o["currency"] for o in orders}
    assert any(o["customer_id"] == 0 and o["tax_lines"] for o in orders)
    statuses = {o["status"] for o in orders}
    assert {"refunded", "cancelled", "completed", "processing"} <= statuses
    assert shop.all("taxes") and shop.all("products", type="variable")


@pytest.mark.parametrize("profile", ["default", "realistic"])
def test_addresses_agree(shop, profile):
    """Street, postcode, city, country and phone of an address belong together."""
    if profile == "default":
        shop.admin("POST", "reset", json={"seed": 42, "profile": "default"})
    try:
        for customer in shop.all("customers"):
            billing = customer["billing"]
            country = billing["country"]
            code = PHONE_CODES.get(country)
            if code:
                assert billing["phone"].startswith(code + " "), billing
            if country == "US":
                assert billing["city"] == "Austin" and billing["state"] == "TX"
            if country == "DE":
                assert (
                    billing["postcode"][0] in "0123456789"
                    and len(billing["postcode"]) == 5
                )
    finally:
        shop.admin("POST", "reset", json={"seed": 42, "profile": "realistic"})


def test_official_client_drives_variations(shop):
    """List, read, create and update variations with the official client (OAuth)."""
    wc = API(url=shop.url, consumer_key=KEY, consumer_secret=SECRET, version="wc/v3")
    variable = {"type": "variable", "per_page": 1}
    product = wc.get("products", params=variable).json()[0]
    base = f"products/{product['id']}/variations"
    listed = wc.get(base).json()
    assert sorted(v["id"] for v in listed) == sorted(product["variations"])
    created = wc.post(
        base,
        {"regular_price": "30.00", "attributes": [{"name": "Size", "option": "XL"}]},
    )
    assert created.status_code == 201, created.text
    variation_id = created.json()["id"]
    updated = wc.put(f"{base}/{variation_id}", {"sale_price": "27.00"})
    assert updated.json()["price"] == "27.00"
    assert wc.get(f"{base}/{variation_id}").json()["attributes"][0]["option"] == "XL"
    assert variation_id in wc.get(f"products/{product['id']}").json()["variations"]
    assert wc.get(f"products/{product['id']}/variations/999999").status_code == 404
    order = wc.post(
        "orders", {"line_items": [{"variation_id": variation_id, "quantity": 2}]}
    )
    assert order.status_code == 201, order.text
    line = order.json()["line_items"][0]
    assert (line["product_id"], line["variation_id"]) == (product["id"], variation_id)
    assert line["total"] == "54.00"
    refund = wc.post(f"orders/{order.json()['id']}/refunds", {"amount": "54.00"})
    assert refund.status_code == 201, refund.text
    assert wc.get(f"orders/{order.json()['id']}").json()["status"] == "refunded"
