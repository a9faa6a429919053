"""Products: string prices, stock, unique SKU, categories, contexts."""

import re

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _create(shop, **values):
    response = shop.request("POST", "products", json=values)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_and_read(shop):
    """A created product is answered in full: stored price strings, naive dates."""
    product = _create(
        shop, name="Blue Mug", sku="MUG-1", regular_price="9.5", description="Nice mug."
    )
    assert (
        product["slug"] == "blue-mug"
        and product["status"] == "publish"
        and product["type"] == "simple"
    )
    assert (
        product["regular_price"] == "9.5"
        and product["price"] == "9.5"
        and product["sale_price"] == ""
    )
    assert product["on_sale"] is False
    assert DATE.match(product["date_modified_gmt"])
    assert product["stock_quantity"] is None and product["stock_status"] == "instock"
    assert [c["slug"] for c in product["categories"]] == ["uncategorized"]
    read = shop.request("GET", f"products/{product['id']}").json()
    assert read["sku"] == "MUG-1" and read["variations"] == []


def test_sale_price_is_the_price(shop):
    """With a sale price set, price is the sale price and on_sale is true."""
    product = _create(shop, name="Sale Item", regular_price="20", sale_price="15.00")
    assert product["price"] == "15.00" and product["on_sale"] is True


def test_prices_must_be_strings(shop):
    """A number sent for a string price field is refused as rest_invalid_param."""
    response = shop.request(
        "POST", "products", json={"name": "Bad", "regular_price": 10}
    )
    assert response.status_code == 400
    assert response.json()["data"]["params"] == {
        "regular_price": "regular_price is not of type string."
    }


def test_managed_stock(shop):
    """stock_quantity is kept when managed, else null; zero stock is outofstock."""
    product = _create(shop, name="Stocked", manage_stock=True, stock_quantity=0)
    assert product["stock_quantity"] == 0 and product["stock_status"] == "outofstock"
    updated = shop.request(
        "PUT", f"products/{product['id']}", json={"stock_quantity": 4}
    ).json()
    assert updated["stock_quantity"] == 4 and updated["stock_status"] == "instock"
    unmanaged = shop.request(
        "PUT", f"products/{product['id']}", json={"manage_stock": False}
    ).json()
    assert unmanaged["stock_quantity"] is None


def test_duplicate_sku(shop):
    """A duplicated SKU is 400 product_invalid_sku naming the owner."""
    owner = _create(shop, name="Owner", sku="DUP-SKU")
    response = shop.request("POST", "products", json={"name": "Copy", "sku": "DUP-SKU"})
    assert response.status_code == 400
    body = response.json()
    assert (
        body["code"] == "product_invalid_sku"
        and body["data"]["resource_id"] == owner["id"]
    )
    other = _create(shop, name="Other")
    assert (
        shop.request("PUT", f"products/{other['id']}", json={"sku": "DUP-SKU"}).json()[
            "code"
        ]
        == "product_invalid_sku"
    )


def test_categories_replace_the_list(shop):
    """categories on write replaces the list; it is answered with id, name and slug."""
    mugs = shop.request("POST", "products/categories", json={"name": "Mugs"}).json()
    cups = shop.request("POST", "products/categories", json={"name": "Cups"}).json()
    product = _create(shop, name="Cup", categories=[{"id": mugs["id"]}])
    assert product["categories"] == [{"id": mugs["id"], "name": "Mugs", "slug": "mugs"}]
    updated = shop.request(
        "PUT", f"products/{product['id']}", json={"categories": [{"id": cups["id"]}]}
    ).json()
    assert [c["id"] for c in updated["categories"]] == [cups["id"]]


def test_view_and_edit_context(shop):
    """context=view formats descriptions as paragraphs; edit returns raw text."""
    product = _create(shop, name="Described", description="First.\n\nSecond.")
    view = shop.request("GET", f"products/{product['id']}").json()
    edit = shop.request(
        "GET", f"products/{product['id']}", params={"context": "edit"}
    ).json()
    assert view["description"] == "<p>First.</p>\n<p>Second.</p>\n"
    assert edit["description"] == "First.\n\nSecond."


def test_fields_parameter(shop):
    """_fields limits the answer to the named fields (id always kept)."""
    product = _create(shop, name="Fielded", sku="F-1")
    body = shop.request(
        "GET", f"products/{product['id']}", params={"_fields": "sku,name"}
    ).json()
    assert body == {"id": product["id"], "name": "Fielded", "sku": "F-1"}


def test_missing_product_codes(shop):
    """A missing product is 404 on GET/DELETE, 400 on PUT: product_invalid_id."""
    assert shop.request("GET", "products/888888").status_code == 404
    assert shop.request("DELETE", "products/888888").status_code == 404
    response = shop.request("PUT", "products/888888", json={"name": "x"})
    assert (
        response.status_code == 400
        and response.json()["code"] == "woocommerce_rest_product_invalid_id"
    )


def test_create_with_id_and_bad_enum(shop):
    """An id on create is product_exists; an unknown status is rest_invalid_param."""
    assert (
        shop.request("POST", "products", json={"id": 3}).json()["code"]
        == "woocommerce_rest_product_exists"
    )
    response = shop.request("POST", "products", json={"name": "x", "status": "sold"})
    assert (
        response.status_code == 400 and response.json()["code"] == "rest_invalid_param"
    )


def test_slugs_are_unique(shop):
    """Two products with the same name get distinct slugs."""
    first, second = _create(shop, name="Twin"), _create(shop, name="Twin")
    assert first["slug"] == "twin" and second["slug"] == "twin-2"
