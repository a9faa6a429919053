"""A variation's id read on the products endpoint, as a WooCommerce store serves it."""

import pytest

from .conftest import start_shop, stop_shop


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    client = start_shop(tmp_path_factory.mktemp("variations"), seed=42)
    client.admin("POST", "reset", json={"seed": 42, "profile": "realistic"})
    yield client
    stop_shop(client)


def test_variation_id_on_products_endpoint(shop):
    """``GET /products/<variation id>``: the variation, typed, with its parent."""
    parent = shop.get("products", type="variable", per_page=1)[0]
    variation_id = parent["variations"][0]
    nested = shop.get(f"products/{parent['id']}/variations/{variation_id}")
    read = shop.get(f"products/{variation_id}")
    assert read["id"] == variation_id
    assert read["type"] == "variation"
    assert read["parent_id"] == parent["id"]
    assert read["attributes"] == nested["attributes"]
    assert read["regular_price"] == nested["regular_price"]
    assert read["date_modified_gmt"] == nested["date_modified_gmt"]
    option = nested["attributes"][0]["option"]
    assert read["name"] == f"{parent['name']} - {option}"


def test_variation_read_needs_credentials(shop):
    parent = shop.get("products", type="variable", per_page=1)[0]
    response = shop.request("GET", f"products/{parent['variations'][0]}", auth=None)
    assert response.status_code == 401


def test_unknown_id_is_still_missing(shop):
    assert shop.request("GET", "products/999999").status_code == 404
