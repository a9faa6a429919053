"""List filters: strict dates, status, search, email, role, ids."""

import pytest


@pytest.fixture(scope="module")
def timeline(shop):
    """Three orders and three products modified at known seconds (frozen clock)."""
    made = {}
    for stamp in ("2030-05-01T10:00:00", "2030-05-01T10:00:01", "2030-05-01T10:00:02"):
        assert (
            shop.admin_request("POST", "clock", json={"now": stamp}).status_code == 200
        )
        made[stamp] = (
            shop.request("POST", "orders", json={"status": "processing"}).json()["id"],
            shop.request(
                "POST", "products", json={"name": f"Item {stamp}", "regular_price": "5"}
            ).json()["id"],
        )
    shop.admin_request("DELETE", "clock")
    return made


def _ids(response):
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()}


@pytest.mark.parametrize("resource,index", [("orders", 0), ("products", 1)])
def test_modified_after_is_strict(shop, timeline, resource, index):
    """modified_after keeps records modified strictly after (same second excluded)."""
    params = {
        "modified_after": "2030-05-01T10:00:01",
        "dates_are_gmt": "true",
        "per_page": 100,
    }
    ids = _ids(shop.request("GET", resource, params=params))
    assert ids == {timeline["2030-05-01T10:00:02"][index]}


def test_modified_before_and_fraction(shop, timeline):
    """modified_before is strict too; a fractional second is cut to the second."""
    params = {
        "modified_before": "2030-05-01T10:00:01.900",
        "modified_after": "2030-01-01T00:00:00Z",
    }
    assert _ids(shop.request("GET", "orders", params=params)) == {
        timeline["2030-05-01T10:00:00"][0]
    }


def test_date_with_offset_is_converted(shop, timeline):
    """An offset in the value is converted to UTC before comparing."""
    params = {"modified_after": "2030-05-01T12:00:01+02:00", "dates_are_gmt": "true"}
    assert _ids(shop.request("GET", "orders", params=params)) == {
        timeline["2030-05-01T10:00:02"][0]
    }


def test_after_and_before_use_creation_date(shop, timeline):
    """after/before compare the creation date, strictly."""
    params = {"after": "2030-05-01T10:00:00", "before": "2030-05-01T10:00:02"}
    assert _ids(shop.request("GET", "orders", params=params)) == {
        timeline["2030-05-01T10:00:01"][0]
    }


def test_update_moves_modified_date(shop, timeline):
    """An update sets date_modified_gmt to now: a later modified_after query sees it."""
    order_id = timeline["2030-05-01T10:00:00"][0]
    shop.admin_request("POST", "clock", json={"now": "2030-06-01T00:00:00"})
    try:
        updated = shop.request(
            "PUT", f"orders/{order_id}", json={"customer_note": "call me"}
        ).json()
    finally:
        shop.admin_request("DELETE", "clock")
    assert updated["date_modified_gmt"] == "2030-06-01T00:00:00"
    assert updated["date_created_gmt"] == "2030-05-01T10:00:00"
    ids = _ids(
        shop.request("GET", "orders", params={"modified_after": "2030-05-15T00:00:00"})
    )
    assert ids == {order_id}


def test_invalid_date_is_400(shop):
    """An unparsable date value is refused with rest_invalid_param."""
    response = shop.request("GET", "orders", params={"modified_after": "yesterday"})
    assert response.status_code == 400
    assert response.json()["data"]["params"] == {"modified_after": "Invalid date."}


def test_order_status_list(seeded_shop):
    """status accepts a comma list on orders; an unknown status is a 400."""
    statuses = {
        o["status"]
        for o in seeded_shop.request(
            "GET", "orders", params={"status": "processing,on-hold", "per_page": 100}
        ).json()
    }
    assert statuses == {"processing", "on-hold"}
    bad = seeded_shop.request("GET", "orders", params={"status": "shipped"})
    assert bad.status_code == 400 and bad.json()["code"] == "rest_invalid_param"


def test_product_status_and_search(seeded_shop):
    """Products filter by status and search title and descriptions, ignoring case."""
    drafts = seeded_shop.request("GET", "products", params={"status": "draft"}).json()
    assert drafts and {p["status"] for p in drafts} == {"draft"}
    found = seeded_shop.request(
        "GET", "products", params={"search": "MUG", "per_page": 100}
    ).json()
    assert found and all("mug" in (p["name"] + p["description"]).lower() for p in found)


def test_product_sku_and_category(seeded_shop):
    """sku takes an exact comma list; category keeps the products of that category."""
    products = seeded_shop.request("GET", "products", params={"per_page": 3}).json()
    skus = ",".join(p["sku"] for p in products[:2])
    assert {
        p["id"]
        for p in seeded_shop.request("GET", "products", params={"sku": skus}).json()
    } == {p["id"] for p in products[:2]}
    category = products[0]["categories"][0]["id"]
    listed = seeded_shop.request(
        "GET", "products", params={"category": category, "per_page": 100}
    ).json()
    assert listed and all(
        category in [c["id"] for c in p["categories"]] for p in listed
    )


def test_customer_email_and_role(seeded_shop):
    """email matches the account e-mail; role=all adds the admin to customers."""
    customer = seeded_shop.request("GET", "customers").json()[0]
    by_email = seeded_shop.request(
        "GET", "customers", params={"email": customer["email"].upper()}
    ).json()
    assert [c["id"] for c in by_email] == [customer["id"]]
    default = seeded_shop.request("GET", "customers", params={"per_page": 100})
    everyone = seeded_shop.request(
        "GET", "customers", params={"role": "all", "per_page": 100}
    )
    assert int(everyone.headers["X-WP-Total"]) == int(default.headers["X-WP-Total"]) + 1
    assert "administrator" in {c["role"] for c in everyone.json()}


def test_customers_ignore_modified_after(seeded_shop):
    """Customers have no date filter: modified_after is ignored, all are returned."""
    response = seeded_shop.request(
        "GET", "customers", params={"modified_after": "2100-01-01T00:00:00"}
    )
    assert response.status_code == 200
    assert response.headers["X-WP-Total"] == "60"


def test_unknown_parameters_are_ignored(seeded_shop):
    """Undeclared parameters do not fail the request."""
    assert (
        seeded_shop.request("GET", "orders", params={"colour": "blue"}).headers[
            "X-WP-Total"
        ]
        == "240"
    )


def test_include_exclude_and_customer(seeded_shop):
    """include/exclude accept both list forms; orders filter by customer id."""
    ids = [
        o["id"]
        for o in seeded_shop.request("GET", "orders", params={"per_page": 3}).json()
    ]
    included = seeded_shop.request(
        "GET", "orders", params=[("include[]", ids[0]), ("include[]", ids[1])]
    )
    assert _ids(included) == set(ids[:2])
    excluded = seeded_shop.request(
        "GET", "orders", params={"exclude": f"{ids[0]}", "per_page": 100, "page": 1}
    )
    assert ids[0] not in _ids(excluded)
    order = seeded_shop.request("GET", f"orders/{ids[0]}").json()
    mine = seeded_shop.request(
        "GET", "orders", params={"customer": order["customer_id"], "per_page": 100}
    ).json()
    assert {o["customer_id"] for o in mine} == {order["customer_id"]}


def test_search_is_not_sql(seeded_shop):
    """A search with SQL metacharacters is just text: matches and breaks nothing."""
    response = seeded_shop.request(
        "GET", "customers", params={"search": "'; DROP TABLE records; --"}
    )
    assert response.status_code == 200 and response.json() == []
    assert seeded_shop.request("GET", "customers").headers["X-WP-Total"] == "60"
