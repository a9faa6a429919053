"""Product categories: term_exists, 404s, force-only delete, default."""


def test_create_and_count(shop):
    """A category has its slug, parent and a count of its published products."""
    parent = shop.request("POST", "products/categories", json={"name": "Kitchen"})
    assert parent.status_code == 201
    child = shop.request(
        "POST",
        "products/categories",
        json={"name": "Pots & Pans", "parent": parent.json()["id"]},
    ).json()
    assert (
        child["slug"] == "pots-pans"
        and child["parent"] == parent.json()["id"]
        and child["count"] == 0
    )
    shop.request(
        "POST", "products", json={"name": "Pan", "categories": [{"id": child["id"]}]}
    )
    shop.request(
        "POST",
        "products",
        json={
            "name": "Draft pan",
            "status": "draft",
            "categories": [{"id": child["id"]}],
        },
    )
    assert (
        shop.request("GET", f"products/categories/{child['id']}").json()["count"] == 1
    )


def test_term_exists_gives_resource_id(shop):
    """A category existing under the same parent answers term_exists with its id."""
    existing = shop.request(
        "POST", "products/categories", json={"name": "Garden"}
    ).json()
    response = shop.request("POST", "products/categories", json={"name": "garden"})
    assert response.status_code == 400
    assert response.json()["code"] == "term_exists"
    assert response.json()["data"]["resource_id"] == existing["id"]


def test_name_required(shop):
    """A category needs a name."""
    response = shop.request("POST", "products/categories", json={"slug": "nameless"})
    assert response.json()["code"] == "rest_missing_callback_param"


def test_missing_category(shop):
    """A missing category is 404 woocommerce_rest_term_invalid."""
    response = shop.request("GET", "products/categories/77777")
    assert (
        response.status_code == 404
        and response.json()["code"] == "woocommerce_rest_term_invalid"
    )


def test_delete_needs_force_and_falls_back(shop):
    """DELETE needs force (else 501); its products fall back to Uncategorized."""
    category = shop.request(
        "POST", "products/categories", json={"name": "Temporary"}
    ).json()
    product = shop.request(
        "POST",
        "products",
        json={"name": "Orphan", "categories": [{"id": category["id"]}]},
    ).json()
    assert (
        shop.request("DELETE", f"products/categories/{category['id']}").status_code
        == 501
    )
    deleted = shop.request(
        "DELETE", f"products/categories/{category['id']}", params={"force": "true"}
    )
    assert deleted.status_code == 200 and deleted.json()["name"] == "Temporary"
    assert [
        c["slug"]
        for c in shop.request("GET", f"products/{product['id']}").json()["categories"]
    ] == ["uncategorized"]


def test_default_category_cannot_be_deleted(shop):
    """Deleting the default category answers 500 woocommerce_rest_cannot_delete."""
    default = shop.request(
        "GET", "products/categories", params={"slug": "uncategorized"}
    ).json()[0]
    response = shop.request(
        "DELETE", f"products/categories/{default['id']}", params={"force": "true"}
    )
    assert (
        response.status_code == 500
        and response.json()["code"] == "woocommerce_rest_cannot_delete"
    )


def test_hide_empty_and_orderby_count(shop):
    """hide_empty drops categories without published products; orderby=count sorts."""
    busy = shop.request("POST", "products/categories", json={"name": "Busy"}).json()
    for name in ("B1", "B2"):
        shop.request("POST", "products", json={"name": name, "categories": [busy]})
    params = {
        "hide_empty": "true",
        "orderby": "count",
        "order": "desc",
        "per_page": 100,
    }
    listed = shop.request("GET", "products/categories", params=params).json()
    assert listed[0]["id"] == busy["id"] and listed[0]["count"] >= 2
    assert all(category["count"] > 0 for category in listed)
    everything = shop.request(
        "GET", "products/categories", params={"per_page": 100}
    ).json()
    assert any(category["count"] == 0 for category in everything)


def test_list_filters(shop):
    """Categories filter by parent and sort by name ascending by default."""
    top = shop.request("POST", "products/categories", json={"name": "Zeta"}).json()
    shop.request(
        "POST", "products/categories", json={"name": "Beta", "parent": top["id"]}
    )
    shop.request(
        "POST", "products/categories", json={"name": "Alpha", "parent": top["id"]}
    )
    children = shop.request(
        "GET", "products/categories", params={"parent": top["id"]}
    ).json()
    assert [c["name"] for c in children] == ["Alpha", "Beta"]
