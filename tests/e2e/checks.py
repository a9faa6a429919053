# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assertions shared by the end-to-end tests: Odoo (read through JSON-RPC and
SQL) against the demo shop (read through its API)."""

from decimal import Decimal

STATE_BY_STATUS = {
    "pending": "draft",
    "processing": "sale",
    "on-hold": "sale",
    "completed": "sale",
    "cancelled": "cancel",
    "refunded": "cancel",
    "failed": "cancel",
}
SKIPPED_STATUSES = ("checkout-draft", "auto-draft")


def money(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def by_external_id(rows):
    result = {}
    for row in rows:
        assert row["external_id"] not in result, f"two bindings for {row}"
        result[row["external_id"]] = row
    return result


def odoo_bindings(admin, model, backend_id, fields):
    return admin.call(
        model,
        "search_read",
        [[("backend_id", "=", backend_id)]],
        fields=["external_id", *fields],
        context={"active_test": False},
    )


def customer_name(customer):
    return " ".join(
        part.strip()
        for part in (customer["first_name"], customer["last_name"])
        if part and part.strip()
    )


def assert_customers_match(admin, shop, backend_id):
    """Every shop customer has one binding whose partner holds its data."""
    customers = shop.all("customers")
    bindings = by_external_id(
        odoo_bindings(
            admin,
            "demo.shop.res.partner",
            backend_id,
            ["odoo_id", "name", "email", "city", "zip", "street", "phone"],
        )
    )
    assert set(bindings) == {str(c["id"]) for c in customers}
    for customer in customers:
        binding = bindings[str(customer["id"])]
        billing = customer["billing"]
        got = (binding["name"], binding["email"], binding["city"], binding["zip"])
        want = (
            customer_name(customer),
            customer["email"],
            billing["city"] or False,
            billing["postcode"] or False,
        )
        assert got == want, f"customer {customer['id']}"
        assert binding["street"] == (billing["address_1"] or False)
        assert binding["phone"] == (billing["phone"] or False)
    return customers, bindings


def assert_products_match(admin, shop, backend_id):
    """Every simple product of the shop has one binding whose product holds its
    data; a variable product is bound by its variations (one per variant)."""
    products = shop.all("products")
    variation_ids = {
        str(variation)
        for product in products
        if product["type"] == "variable"
        for variation in product["variations"]
    }
    products = [product for product in products if product["type"] != "variable"]
    bindings = by_external_id(
        odoo_bindings(
            admin,
            "demo.shop.product.product",
            backend_id,
            ["odoo_id", "name", "default_code", "list_price", "active", "shop_status"],
        )
    )
    assert set(bindings) == {str(p["id"]) for p in products} | variation_ids
    for product in products:
        binding = bindings[str(product["id"])]
        price = product["regular_price"] or product["price"]
        got = (
            binding["name"],
            binding["default_code"] or "",
            money(binding["list_price"]),
            binding["shop_status"],
        )
        want = (product["name"], product["sku"], money(price), product["status"])
        assert got == want, f"product {product['id']}"
    return products, bindings


def assert_orders_match(admin, shop, backend_id, customers=None, products=None):
    """Every shop order (but drafts) has one binding: customer, number, status,
    state, shop total, and one bound line per line item with product, quantity
    and amount before discount (to-the-cent totals: :func:`amount_mismatches`)."""
    orders = [o for o in shop.all("orders") if o["status"] not in SKIPPED_STATUSES]
    customer_bindings = by_external_id(
        odoo_bindings(admin, "demo.shop.res.partner", backend_id, ["odoo_id"])
    )
    product_bindings = by_external_id(
        odoo_bindings(admin, "demo.shop.product.product", backend_id, ["odoo_id"])
    )
    partner_by_customer = {k: v["odoo_id"][0] for k, v in customer_bindings.items()}
    product_by_shop_id = {k: v["odoo_id"][0] for k, v in product_bindings.items()}
    bindings = by_external_id(
        odoo_bindings(
            admin,
            "demo.shop.sale.order",
            backend_id,
            [
                "odoo_id",
                "partner_id",
                "client_order_ref",
                "shop_status",
                "shop_total",
                "state",
                "amount_total",
            ],
        )
    )
    assert set(bindings) == {str(o["id"]) for o in orders}
    lines = odoo_bindings(
        admin,
        "demo.shop.sale.order.line",
        backend_id,
        [
            "demo_shop_order_id",
            "order_id",
            "product_id",
            "product_uom_qty",
            "price_unit",
            "discount",
            "price_subtotal",
        ],
    )
    lines_by_order = {}
    for line in lines:
        lines_by_order.setdefault(line["demo_shop_order_id"][0], []).append(line)
    guest_emails = {}
    for order in orders:
        binding = bindings[str(order["id"])]
        where = f"order {order['id']}"
        assert binding["client_order_ref"] == order["number"], where
        assert binding["shop_status"] == order["status"], where
        assert binding["state"] == STATE_BY_STATUS[order["status"]], where
        assert money(binding["shop_total"]) == money(order["total"]), where
        if order["customer_id"]:
            assert (
                binding["partner_id"][0]
                == partner_by_customer[str(order["customer_id"])]
            ), where
        else:
            guest_emails.setdefault(order["billing"]["email"], []).append(
                binding["partner_id"][0]
            )
        got = by_external_id(lines_by_order.get(binding["id"], []))
        assert set(got) == {str(item["id"]) for item in order["line_items"]}, where
        for item in order["line_items"]:
            line = got[str(item["id"])]
            assert line["order_id"][0] == binding["odoo_id"][0], where
            shop_product = item.get("variation_id") or item["product_id"]
            assert line["product_id"][0] == product_by_shop_id[str(shop_product)]
            assert line["product_uom_qty"] == item["quantity"], where
            gross = money(line["price_unit"] * line["product_uom_qty"])
            if gross != money(item["subtotal"]):
                # where no 2-decimal discount gives the shop's line total, the
                # line has the discounted unit price (its name says the discount)
                cents = Decimal("0.01") * Decimal(str(item["quantity"]))
                assert abs(gross - money(item["total"])) <= cents, where
    # a guest is never matched by e-mail: each guest order has its own partner
    guest_partners = [p for partners in guest_emails.values() for p in partners]
    assert len(set(guest_partners)) == len(guest_partners), guest_emails
    return orders, bindings


def amount_mismatches(admin, shop, backend_id):
    """Orders and lines whose Odoo amount differs from the shop's, in cents."""
    orders = {str(o["id"]): o for o in shop.all("orders")}
    items = {
        str(item["id"]): item
        for order in orders.values()
        for item in order["line_items"]
    }
    wrong = []
    for row in odoo_bindings(
        admin, "demo.shop.sale.order", backend_id, ["amount_total"]
    ):
        want = money(orders[row["external_id"]]["total"])
        if money(row["amount_total"]) != want:
            wrong.append(("order", row["external_id"], row["amount_total"], str(want)))
    for row in odoo_bindings(
        admin, "demo.shop.sale.order.line", backend_id, ["price_subtotal"]
    ):
        want = money(items[row["external_id"]]["total"])
        if money(row["price_subtotal"]) != want:
            wrong.append(("line", row["external_id"], row["price_subtotal"], str(want)))
    return wrong


def assert_no_duplicates(db, backend_id):
    """No shop id is bound twice, no Odoo record is bound twice, no partner
    or product was created twice for one shop record."""
    for table in (
        "demo_shop_res_partner",
        "demo_shop_product_product",
        "demo_shop_sale_order",
        "demo_shop_sale_order_line",
    ):
        twice = db.all(
            f"SELECT external_id, count(*) FROM {table} WHERE backend_id = %s "
            "GROUP BY external_id HAVING count(*) > 1",
            (backend_id,),
        )
        assert not twice, f"{table}: {twice}"
        twice = db.all(
            f"SELECT odoo_id, count(*) FROM {table} WHERE backend_id = %s "
            "GROUP BY odoo_id HAVING count(*) > 1",
            (backend_id,),
        )
        assert not twice, f"{table}: {twice}"
    # a partner per e-mail among this backend's customers (guests are never
    # matched by e-mail: each guest order has a partner of its own)
    twice = db.all(
        """
        SELECT lower(p.email), count(DISTINCT p.id)
          FROM res_partner p
         WHERE p.email IS NOT NULL
           AND p.id IN (SELECT odoo_id FROM demo_shop_res_partner
                         WHERE backend_id = %s)
         GROUP BY lower(p.email) HAVING count(DISTINCT p.id) > 1
        """,
        (backend_id,),
    )
    assert not twice, f"partners created twice: {twice}"
    twice = db.all(
        """
        SELECT pp.default_code, count(*) FROM product_product pp
          JOIN demo_shop_product_product b ON b.odoo_id = pp.id
         WHERE b.backend_id = %s AND pp.default_code IS NOT NULL
         GROUP BY pp.default_code HAVING count(*) > 1
        """,
        (backend_id,),
    )
    assert not twice, f"products created twice: {twice}"
    # an order line belongs to the order its binding's order is bound to
    stray = db.all(
        """
        SELECT l.id FROM demo_shop_sale_order_line l
          JOIN sale_order_line sol ON sol.id = l.odoo_id
          JOIN demo_shop_sale_order o ON o.id = l.demo_shop_order_id
         WHERE l.backend_id = %s AND sol.order_id != o.odoo_id
        """,
        (backend_id,),
    )
    assert not stray, f"lines on the wrong order: {stray}"


def failed_jobs(db, since_id=0):
    return db.all(
        "SELECT uuid, method_name, exc_name, exc_message, exc_info, retry "
        "FROM queue_job WHERE id > %s AND state = 'failed' ORDER BY id",
        (since_id,),
    )
