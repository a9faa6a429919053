# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Both directions: a change made on either side reaches the other one."""

from .checks import customer_name, failed_jobs


def _binding(admin, model, backend_id, domain=(), fields=("odoo_id", "external_id")):
    rows = admin.call(
        model,
        "search_read",
        [[("backend_id", "=", backend_id), *domain]],
        fields=list(fields),
        limit=1,
        order="id",
    )
    assert rows, f"no {model} binding matching {domain}"
    return rows[0]


def _wait(db, since):
    states = db.wait_jobs_idle(since_id=since)
    assert not failed_jobs(db, since), failed_jobs(db, since)
    return states


def test_partner_written_in_odoo_reaches_the_shop(admin, db, main_shop, imported):
    """A bound partner written through RPC is exported, and not imported back."""
    backend_id = imported["backend_id"]
    binding = _binding(admin, "demo.shop.res.partner", backend_id)
    since = db.max_job_id()
    admin.call(
        "res.partner",
        "write",
        [[binding["odoo_id"][0]], {"city": "Lyon E2E", "phone": "+33 1 00 00 00 01"}],
    )
    states = _wait(db, since)
    assert states == {"done": 1}, states
    customer = main_shop.api("GET", f"customers/{binding['external_id']}").json()
    assert customer["billing"]["city"] == "Lyon E2E"
    assert customer["billing"]["phone"] == "+33 1 00 00 00 01"
    # the next scan sees the exported change as already imported
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_customers", [[backend_id]])
    assert _wait(db, since) == {"done": 1}


def test_customer_and_product_changed_in_the_shop_reach_odoo(
    admin, db, main_shop, imported
):
    """A customer and a product changed in the shop are updated in Odoo by imports."""
    backend_id = imported["backend_id"]
    customer_binding = _binding(
        admin, "demo.shop.res.partner", backend_id, [("city", "!=", "Lyon E2E")]
    )
    product_binding = _binding(admin, "demo.shop.product.product", backend_id)
    customer = main_shop.api(
        "PUT",
        f"customers/{customer_binding['external_id']}",
        json={"first_name": "Zoé", "billing": {"city": "Nantes", "postcode": "44000"}},
    ).json()
    main_shop.api(
        "PUT",
        f"products/{product_binding['external_id']}",
        json={"name": "Renamed In Shop", "regular_price": "99.90"},
    )
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_customers", [[backend_id]])
    admin.call("demo.shop.backend", "action_import_products", [[backend_id]])
    _wait(db, since)
    partner = admin.call(
        "res.partner",
        "read",
        [[customer_binding["odoo_id"][0]]],
        fields=["name", "city", "zip"],
    )[0]
    assert (partner["name"], partner["city"], partner["zip"]) == (
        customer_name(customer),
        "Nantes",
        "44000",
    )
    product = admin.call(
        "product.product",
        "read",
        [[product_binding["odoo_id"][0]]],
        fields=["name", "list_price"],
    )[0]
    assert (product["name"], product["list_price"]) == ("Renamed In Shop", 99.9)


def test_order_confirmed_in_odoo_is_processing_in_the_shop(
    admin, db, main_shop, imported
):
    """A pending shop order confirmed in Odoo becomes processing in the shop."""
    binding = _binding(
        admin,
        "demo.shop.sale.order",
        imported["backend_id"],
        [("shop_status", "=", "pending"), ("state", "=", "draft")],
    )
    since = db.max_job_id()
    admin.call("sale.order", "action_confirm", [[binding["odoo_id"][0]]])
    _wait(db, since)
    order = main_shop.api("GET", f"orders/{binding['external_id']}").json()
    assert order["status"] == "processing"
    row = admin.call(
        "demo.shop.sale.order", "read", [[binding["id"]]], fields=["shop_status"]
    )[0]
    assert row["shop_status"] == "processing"


def test_order_cancelled_in_the_shop_is_cancelled_in_odoo(
    admin, db, main_shop, imported
):
    """An order cancelled in the shop is cancelled in Odoo by the next order import."""
    binding = _binding(
        admin,
        "demo.shop.sale.order",
        imported["backend_id"],
        [("shop_status", "=", "processing"), ("state", "=", "sale")],
    )
    main_shop.api(
        "PUT", f"orders/{binding['external_id']}", json={"status": "cancelled"}
    )
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_orders", [[imported["backend_id"]]])
    _wait(db, since)
    state = admin.call(
        "sale.order", "read", [[binding["odoo_id"][0]]], fields=["state"]
    )
    assert state[0]["state"] == "cancel"
