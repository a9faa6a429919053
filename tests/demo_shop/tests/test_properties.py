"""Every documented property of every resource, with its documented type.

The property list (``demo_shop/properties.json``) is extracted from the WooCommerce
REST API v3 documentation by ``tools/extract_properties.py``.
"""

import json
from importlib import resources

import pytest

from .conftest import start_shop, stop_shop

PROPERTIES = json.loads(
    resources.files("demo_shop").joinpath("properties.json").read_text()
)
MAIN_TABLES = {
    "customer": "Customer",
    "product": "Product",
    "variation": "Product variation",
    "category": "Product category",
    "order": "Order",
    "refund": "Order refund",
    "tax": "Tax rate",
    "webhook": "Webhook",
}
# Properties WooCommerce answers with null when unset, as the documentation's examples
# show: an image (category, variation), the stock quantity when stock is not managed.
NULLABLE = {"image", "stock_quantity"}


def _type_ok(kind, value, name):
    if value is None and name in NULLABLE:
        return True
    if kind == "date-time":
        return value is None or isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict) or (value is None and name in NULLABLE)
    raise AssertionError(f"unknown documented type {kind}")


def problems(resource, payload, table=None, where=""):
    """Missing or mistyped properties of ``payload`` (recursing into nested ones)."""
    table = table or MAIN_TABLES[resource]
    nested = PROPERTIES["nested"][resource].get(table, {})
    found = []
    for name, kind in PROPERTIES["tables"][resource][table].items():
        path = f"{where}{name}"
        if name not in payload:
            found.append(f"{path}: missing")
            continue
        value = payload[name]
        if not _type_ok(kind, value, name):
            found.append(f"{path}: {type(value).__name__} is not {kind}")
            continue
        inner = nested.get(name)
        if not inner or inner not in PROPERTIES["tables"][resource]:
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, dict):
                found += problems(resource, item, inner, f"{path}[{index}].")
    return found


@pytest.fixture(scope="module")
def realistic_shop(tmp_path_factory):
    client = start_shop(
        tmp_path_factory.mktemp("realistic"),
        seed=42,
        seed_profile="realistic",
        webhook_delivery_url="http://127.0.0.1:9/hook",  # nobody listens: pings fail
    )
    yield client
    stop_shop(client)


def _all(shop, path):
    return shop.all(path, per_page=100) if "?" not in path else shop.get(path)


def test_property_list_covers_each_resource():
    """The list has each implemented resource, with typed properties."""
    for resource, table in MAIN_TABLES.items():
        assert len(PROPERTIES["tables"][resource][table]) >= 8, resource


@pytest.mark.parametrize(
    ("resource", "path"),
    [
        ("customer", "customers"),
        ("product", "products"),
        ("category", "products/categories"),
        ("order", "orders"),
        ("tax", "taxes"),
        ("webhook", "webhooks"),
    ],
)
def test_every_record_has_the_documented_properties(realistic_shop, resource, path):
    records = realistic_shop.all(path)
    assert records, f"the realistic seed has no {path}"
    found = []
    for record in records:
        found += [f"{path}/{record['id']}: {p}" for p in problems(resource, record)]
    assert found == []


def test_variations_and_refunds_have_the_documented_properties(realistic_shop):
    variable = realistic_shop.all("products", type="variable")
    assert variable, "the realistic seed has no variable product"
    found = []
    for product in variable:
        variations = realistic_shop.all(f"products/{product['id']}/variations")
        assert sorted(v["id"] for v in variations) == sorted(product["variations"])
        for variation in variations:
            found += problems("variation", variation)
    refunded = [o for o in realistic_shop.all("orders") if o["refunds"]]
    assert refunded, "the realistic seed has no refunded order"
    for order in refunded:
        for refund in realistic_shop.all(f"orders/{order['id']}/refunds"):
            found += problems("refund", refund)
    assert found == []


def test_the_checker_notices_a_missing_or_mistyped_property():
    """The check itself fails on a wrong payload (it is not a test that cannot fail)."""
    assert "id: str is not integer" in problems("tax", {"id": "1"})
    assert "name: missing" in problems("tax", {"id": 1})
