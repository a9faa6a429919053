# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End to end: the seeded store (taxes, discounts, coupons, fees, EUR and USD,
guests) imported through "import all" by the job runner, every order compared
with the shop's JSON to the cent."""

from decimal import Decimal

import pytest

from .checks import (
    SKIPPED_STATUSES,
    STATE_BY_STATUS,
    by_external_id,
    failed_jobs,
    money,
    odoo_bindings,
)
from .harness import Shop, import_all, make_backend

ORDER_FIELDS = [
    "odoo_id",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "date_order",
    "currency_id",
    "company_id",
    "partner_id",
    "partner_shipping_id",
    "partner_invoice_id",
    "state",
    "order_line",
]
LINE_FIELDS = [
    "demo_shop_order_id",
    "product_id",
    "product_uom_qty",
    "price_unit",
    "discount",
    "price_subtotal",
    "price_total",
]


@pytest.fixture(scope="module")
def accounting(admin, db, run_dir):
    """A shop seeded with the default (realistic) profile, imported whole."""
    shop = Shop(run_dir / "shop_accounting", seed=42)
    try:
        backend_id = make_backend(admin, shop, "E2E accounting")
        since, states = import_all(admin, db, backend_id, timeout=900)
        yield {"shop": shop, "backend_id": backend_id, "since": since, "states": states}
    finally:
        shop.stop()


def _read(admin, model, ids, fields):
    rows = admin.call(model, "read", [sorted(set(ids))], fields=fields)
    return {row["id"]: row for row in rows}


def _product_for_item(products, item):
    for external_id in (item["variation_id"], item["product_id"]):
        if external_id and str(external_id) in products:
            return products[str(external_id)]["odoo_id"][0]
    return None


def test_every_order_matches_the_shop(admin, db, accounting):
    """Untaxed, tax and total amounts to the cent, lines, dates, currency and
    addresses of every order equal the shop's."""
    shop, backend_id = accounting["shop"], accounting["backend_id"]
    assert not failed_jobs(db, accounting["since"])
    assert set(accounting["states"]) == {"done"}, accounting["states"]
    orders = [o for o in shop.all("orders") if o["status"] not in SKIPPED_STATUSES]
    bindings = by_external_id(
        odoo_bindings(admin, "demo.shop.sale.order", backend_id, ORDER_FIELDS)
    )
    assert set(bindings) == {str(o["id"]) for o in orders}
    products = by_external_id(
        odoo_bindings(admin, "demo.shop.product.product", backend_id, ["odoo_id"])
    )
    lines = {}
    for line in odoo_bindings(
        admin, "demo.shop.sale.order.line", backend_id, LINE_FIELDS
    ):
        lines.setdefault(line["demo_shop_order_id"][0], {})[line["external_id"]] = line
    partners = _read(
        admin,
        "res.partner",
        [
            b[key][0]
            for b in bindings.values()
            for key in ("partner_id", "partner_shipping_id", "partner_invoice_id")
        ],
        ["name", "email", "street", "city", "type", "parent_id"],
    )
    company_currency = admin.call(
        "res.company",
        "read",
        [[bindings[str(orders[0]["id"])]["company_id"][0]]],
        fields=["currency_id"],
    )[0]["currency_id"][1]
    counts = dict.fromkeys(
        ("orders", "taxed", "discounted", "foreign_currency", "guest"), 0
    )
    guest_partners = []
    for order in orders:
        binding = bindings[str(order["id"])]
        where = f"order {order['id']}"
        total, tax = money(order["total"]), money(order["total_tax"])
        assert (
            money(binding["amount_untaxed"]),
            money(binding["amount_tax"]),
            money(binding["amount_total"]),
        ) == (total - tax, tax, total), where
        assert binding["state"] == STATE_BY_STATUS[order["status"]], where
        assert binding["date_order"] == order["date_created_gmt"].replace("T", " "), (
            where
        )
        assert binding["currency_id"][1] == order["currency"], where
        _assert_lines(order, binding, lines.get(binding["id"], {}), products)
        _assert_addresses(order, binding, partners)
        counts["orders"] += 1
        counts["taxed"] += bool(tax)
        counts["discounted"] += any(
            i["subtotal"] != i["total"] for i in order["line_items"]
        )
        counts["foreign_currency"] += order["currency"] != company_currency
        if not order["customer_id"]:
            counts["guest"] += 1
            guest_partners.append(binding["partner_id"][0])
    # a guest is never matched: each guest order has a partner of its own
    assert len(set(guest_partners)) == len(guest_partners)
    print(f"\norders compared: {counts}")
    assert all(counts.values()), counts


def _assert_lines(order, binding, got, products):
    where = f"order {order['id']}"
    assert set(got) == {str(item["id"]) for item in order["line_items"]}, where
    included = order["prices_include_tax"]
    for item in order["line_items"]:
        line = got[str(item["id"])]
        assert line["product_id"][0] == _product_for_item(products, item), where
        assert line["product_uom_qty"] == item["quantity"], where
        item_tax = sum((Decimal(t["total"]) for t in item["taxes"]), Decimal(0))
        assert money(line["price_subtotal"]) == money(item["total"]), where
        assert money(line["price_total"]) == money(item["total"]) + item_tax, where
        # the shop's unit price, at most the currency's decimals
        assert money(line["price_unit"]) == Decimal(repr(line["price_unit"])), where
        # the shop's unit price and discount; or, when no discount at Odoo's
        # precision gives the shop's amount, its discounted unit price
        before = Decimal(item["subtotal"])
        after = Decimal(item["total"])
        if included:
            before += sum((Decimal(t["subtotal"]) for t in item["taxes"]), Decimal(0))
            after += item_tax
        amount = money(line["price_unit"]) * item["quantity"]
        assert amount == before or (not line["discount"] and amount == after), where
    extra = len(binding["order_line"]) - len(got)
    assert extra == (
        len(order["shipping_lines"])
        + len(order["fee_lines"])
        + len(order["coupon_lines"])
    ), where


def _assert_addresses(order, binding, partners):
    where = f"order {order['id']}"
    partner = partners[binding["partner_id"][0]]
    shipping = order["shipping"]
    if shipping.get("address_1") or shipping.get("city"):
        delivery = partners[binding["partner_shipping_id"][0]]
        assert delivery["type"] == "delivery", where
        assert delivery["parent_id"][0] == partner["id"], where
        assert delivery["street"] == (shipping["address_1"] or False), where
        assert delivery["city"] == (shipping["city"] or False), where
    if order["billing"].get("company"):
        invoice = partners[binding["partner_invoice_id"][0]]
        assert order["billing"]["company"] in invoice["name"], where
    if not order["customer_id"]:
        assert partner["email"] == order["billing"]["email"], where
