"""Seeding: counts, consistent totals, determinism, empty databases only."""

from .conftest import start_shop


def _all(client, resource):
    items, page = [], 1
    while True:
        batch = client.request(
            "GET",
            resource,
            params={"per_page": 100, "page": page, "orderby": "id", "order": "asc"},
        ).json()
        items += batch
        if len(batch) < 100:
            return items
        page += 1


def _portable(items):
    """Drop what depends on the server's URL (links, permalinks)."""
    return [
        {k: v for k, v in item.items() if k not in ("_links", "permalink")}
        for item in items
    ]


def test_counts_and_lines(seeded_shop):
    """The seed holds 50+ customers, 100+ products, 200+ orders of 1 to 5 lines."""
    assert len(_all(seeded_shop, "customers")) >= 50
    assert int(seeded_shop.request("GET", "products").headers["X-WP-Total"]) >= 100
    orders = _all(seeded_shop, "orders")
    assert len(orders) >= 200
    assert all(1 <= len(order["line_items"]) <= 5 for order in orders)
    assert {order["status"] for order in orders} >= {
        "completed",
        "processing",
        "pending",
        "cancelled",
    }
    assert any(order["customer_id"] == 0 for order in orders)


def test_seeded_totals_are_consistent(seeded_shop):
    """Seeded totals equal lines plus shipping; lines point at real products."""
    products = {p["id"] for p in _all(seeded_shop, "products")}
    for order in _all(seeded_shop, "orders"):
        lines = sum(float(line["total"]) for line in order["line_items"])
        assert (
            abs(lines + float(order["shipping_total"]) - float(order["total"])) < 0.005
        )
        assert all(
            line["product_id"] in products and line["sku"]
            for line in order["line_items"]
        )


def test_same_seed_same_shop(seeded_shop, tmp_path):
    """Two shops seeded with the same number hold identical records, ids included."""
    other = start_shop(tmp_path, seed=42, seed_profile="default")
    try:
        for resource in ("customers", "products", "products/categories", "orders"):
            assert _portable(_all(other, resource)) == _portable(
                _all(seeded_shop, resource)
            )
    finally:
        other.server.stop()


def test_other_seed_other_shop(seeded_shop, tmp_path):
    """A different seed gives different data."""
    other = start_shop(tmp_path, seed=7, seed_profile="default")
    try:
        assert _portable(_all(other, "customers")) != _portable(
            _all(seeded_shop, "customers")
        )
    finally:
        other.server.stop()


def test_seed_only_into_empty_database(tmp_path):
    """A database that already holds data is not seeded again."""
    first = start_shop(tmp_path)
    first.request("POST", "customers", json={"email": "first@example.com"})
    first.server.stop()
    again = start_shop(tmp_path, seed=42)
    try:
        assert again.server.seeded is False
        assert [c["email"] for c in _all(again, "customers")] == ["first@example.com"]
        assert again.request("GET", "orders").headers["X-WP-Total"] == "0"
    finally:
        again.server.stop()


def test_reset_endpoint_reseeds(tmp_path):
    """POST /demo-shop/reset wipes the data and seeds again when asked."""
    client = start_shop(tmp_path)
    try:
        client.request("POST", "customers", json={"email": "wiped@example.com"})
        status = client.admin_request(
            "POST", "reset", json={"seed": 3, "profile": "default"}
        ).json()
        assert (status["customers"], status["products"], status["orders"]) == (
            60,
            120,
            240,
        )
        assert (
            client.request(
                "GET", "customers", params={"email": "wiped@example.com"}
            ).json()
            == []
        )
    finally:
        client.server.stop()
