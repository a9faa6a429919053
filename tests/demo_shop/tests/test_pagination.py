"""Pagination: page/per_page/offset bounds, totals, Link headers."""

import re

import pytest


def _links(response):
    found = re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers.get("Link", ""))
    return {rel: url for url, rel in found}


def test_total_headers(seeded_shop):
    """X-WP-Total counts all matches and X-WP-TotalPages is ceil(total / per_page)."""
    response = seeded_shop.request("GET", "orders", params={"per_page": 7})
    total = int(response.headers["X-WP-Total"])
    assert total == 240
    assert response.headers["X-WP-TotalPages"] == str(-(-total // 7))
    assert len(response.json()) == 7


def test_default_per_page_is_ten(seeded_shop):
    """Without per_page a page holds 10 items."""
    assert len(seeded_shop.request("GET", "products").json()) == 10


def test_link_header_first_middle_last(seeded_shop):
    """Link has next on page 1, prev and next in the middle, prev on the last page."""
    first = seeded_shop.request("GET", "customers", params={"per_page": 25})
    assert set(_links(first)) == {"next"}
    middle = seeded_shop.request("GET", "customers", params={"per_page": 25, "page": 2})
    assert set(_links(middle)) == {"prev", "next"}
    last = seeded_shop.request("GET", "customers", params={"per_page": 25, "page": 3})
    assert set(_links(last)) == {"prev"}
    assert len(last.json()) == 10


def test_link_repeats_all_query_parameters(seeded_shop):
    """The Link URLs repeat every query parameter with page replaced."""
    params = {
        "orderby": "id",
        "order": "asc",
        "per_page": 50,
        "page": 2,
        "status": "completed",
    }
    links = _links(seeded_shop.request("GET", "orders", params=params))
    assert links["prev"].endswith(
        "/wp-json/wc/v3/orders?orderby=id&order=asc&per_page=50&page=1&status=completed"
    )
    assert "page=3" in links["next"] and "status=completed" in links["next"]


def test_following_next_links_visits_everything_once(seeded_shop):
    """Following next links with per_page=100 returns each product exactly once."""
    url = seeded_shop.url + "/wp-json/wc/v3/products?per_page=100&orderby=id&order=asc"
    seen = []
    while url:
        response = seeded_shop.session.get(
            url, auth=(seeded_shop.key, seeded_shop.secret), timeout=10
        )
        seen += [item["id"] for item in response.json()]
        url = _links(response).get("next")
    assert len(seen) == len(set(seen)) == 120
    assert seen == sorted(seen)


@pytest.mark.parametrize("per_page", [0, 101, -1])
def test_per_page_out_of_bounds(seeded_shop, per_page):
    """per_page outside 1..100 is a 400 rest_invalid_param, not clamped."""
    response = seeded_shop.request("GET", "orders", params={"per_page": per_page})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "rest_invalid_param"
    assert body["message"] == "Invalid parameter(s): per_page"
    assert body["data"]["params"] == {
        "per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"
    }
    assert body["data"]["details"]["per_page"]["code"] == "rest_out_of_bounds"


def test_page_and_per_page_types(seeded_shop):
    """page below 1 and non-integer values are refused together in one error."""
    response = seeded_shop.request(
        "GET", "products", params={"page": 0, "per_page": "many"}
    )
    assert response.status_code == 400
    assert set(response.json()["data"]["params"]) == {"page", "per_page"}


def test_page_past_the_end(seeded_shop):
    """A page past the end is 200 with [] and the real totals."""
    response = seeded_shop.request(
        "GET", "products", params={"per_page": 100, "page": 5}
    )
    assert response.status_code == 200
    assert response.json() == []
    assert response.headers["X-WP-Total"] == "120"
    assert response.headers["X-WP-TotalPages"] == "2"
    assert _links(response)["prev"].endswith("page=2")


def test_offset_overrides_page(seeded_shop):
    """offset skips N items and takes precedence over page."""
    ids = [
        c["id"]
        for c in seeded_shop.request(
            "GET", "customers", params={"orderby": "id", "per_page": 20}
        ).json()
    ]
    shifted = seeded_shop.request(
        "GET",
        "customers",
        params={"orderby": "id", "per_page": 5, "offset": 3, "page": 4},
    )
    assert [c["id"] for c in shifted.json()] == ids[3:8]


def test_default_orders_and_order_param(seeded_shop):
    """Orders default to newest first, customers to name ascending; order=asc works."""
    dates = [
        o["date_created_gmt"]
        for o in seeded_shop.request("GET", "orders", params={"per_page": 30}).json()
    ]
    assert dates == sorted(dates, reverse=True)
    asc = [
        o["date_created_gmt"]
        for o in seeded_shop.request("GET", "orders", params={"order": "asc"}).json()
    ]
    assert asc == sorted(asc)
    customers = seeded_shop.request("GET", "customers", params={"per_page": 100}).json()
    names = [f"{c['first_name']} {c['last_name']}".lower() for c in customers]
    assert names == sorted(names)


def test_orderby_include_and_invalid_orderby(seeded_shop):
    """orderby=include keeps the include order; an unknown orderby is a 400."""
    ids = [
        p["id"]
        for p in seeded_shop.request("GET", "products", params={"per_page": 3}).json()
    ]
    wanted = [ids[2], ids[0], ids[1]]
    response = seeded_shop.request(
        "GET",
        "products",
        params={"include": ",".join(map(str, wanted)), "orderby": "include"},
    )
    assert [p["id"] for p in response.json()] == wanted
    bad = seeded_shop.request("GET", "products", params={"orderby": "colour"})
    assert bad.status_code == 400 and bad.json()["code"] == "rest_invalid_param"
