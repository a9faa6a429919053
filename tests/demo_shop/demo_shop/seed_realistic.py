"""The ``realistic`` seed: the default sample data plus what a real store has too.

On top of the default seed (same records, same ids), through the shop's own resources
so that every amount is computed as for any API client:

- tax rates: Germany 19 % (standard, shipping) and 7 % (reduced), France 20 %,
  Spain 21 %, Texas 6.25 %;
- two coupons (``spring10``: 10 %; ``welcome5``: 5.00 off the cart);
- two variable products with variations (sizes of a T-shirt, colours of a mug);
- customers whose address, postcode, phone and country agree;
- orders: prices including tax (Germany) and excluding it (France, Texas), a coupon,
  fees (one negative), several shipping lines, variation lines, EUR and USD, a guest
  order, a refunded one, a partly refunded one and a cancelled one.

::

    seed_realistic(store, api, 42)   # store empty; api: the ShopApi on that store
"""

from .resources import Context
from .seed import _Seeder

TAX_RATES = (
    {"country": "DE", "rate": "19", "name": "MwSt", "class": "standard"},
    {"country": "DE", "rate": "7", "name": "MwSt", "class": "reduced-rate"},
    {"country": "FR", "rate": "20", "name": "TVA", "class": "standard"},
    {"country": "ES", "rate": "21", "name": "IVA", "class": "standard"},
    {"country": "US", "state": "TX", "rate": "6.25", "name": "TX State Tax"},
)
COUPONS = (
    {"code": "spring10", "discount_type": "percent", "amount": "10"},
    {"code": "welcome5", "discount_type": "fixed_cart", "amount": "5.00"},
)
CUSTOMERS = (
    # first, last, company, street, postcode, city, state, country, phone
    ("Lena", "Hoffmann", "", "Schillerstraße 12", "20095", "Hamburg", "", "DE",
     "+49 40 3861 2270"),
    ("Jonas", "Becker", "Becker Design GmbH", "Bahnhofstraße 3", "80335", "München",
     "BY", "DE", "+49 89 5459 1180"),
    ("Camille", "Laurent", "", "12 Rue Victor Hugo", "69002", "Lyon", "", "FR",
     "+33 4 78 42 10 15"),
    ("Lucía", "Fernández", "", "Calle de Alcalá 45", "28014", "Madrid", "M", "ES",
     "+34 915 23 45 67"),
    ("Emily", "Carter", "", "1100 Congress Avenue", "78701", "Austin", "TX", "US",
     "+1 512 555 0142"),
)  # fmt: skip


def seed_realistic(store, api, seed: int):
    """Seed the default sample data with ``seed``, then the realistic records."""
    _Seeder(store, seed).run()
    ctx = Context(api, edit=True)
    for rate in TAX_RATES:
        api.resources["taxes"].create(dict(rate, shipping=True), ctx)
    for coupon in COUPONS:
        store.put("coupon", dict(coupon, id=store.next_id("coupon")))
    customers = [_customer(api, ctx, *entry) for entry in CUSTOMERS]
    shirt, mug = _variable_products(api, ctx)
    reduced = api.resources["products"].create(
        {"name": "Pocket Cookbook", "regular_price": "12.00", "sku": "BOOK-POCKET"},
        ctx,
    )
    store.put("product", dict(reduced, tax_class="reduced-rate"))
    _orders(api, ctx, customers, shirt, mug, reduced)


def _customer(api, ctx, first, last, company, street, postcode, city, state, country,
              phone):  # fmt: skip
    address = {
        "first_name": first,
        "last_name": last,
        "company": company,
        "address_1": street,
        "address_2": "",
        "city": city,
        "state": state,
        "postcode": postcode,
        "country": country,
    }
    email = f"{first}.{last}@example.com".lower().replace("í", "i")
    return api.resources["customers"].create(
        {
            "email": email,
            "first_name": first,
            "last_name": last,
            "billing": dict(address, email=email, phone=phone),
            "shipping": dict(address, phone=phone),
        },
        ctx,
    )


def _variable_products(api, ctx):
    products = api.resources["products"]
    shirt = products.create(
        {"name": "Organic Cotton T-shirt", "type": "variable", "sku": "TEE-ORG"}, ctx
    )
    mug = products.create(
        {"name": "Stoneware Mug", "type": "variable", "sku": "MUG-STONE"}, ctx
    )
    _attributes(api, shirt, "Size", ("S", "M", "L"))
    _attributes(api, mug, "Colour", ("Sand", "Slate"))
    variations = api.resources["products/variations"]
    shirt_variations = [
        variations.for_parent(shirt["id"]).create(
            {
                "sku": f"TEE-ORG-{size}",
                "regular_price": price,
                "attributes": [{"name": "Size", "option": size}],
            },
            ctx,
        )
        for size, price in (("S", "24.90"), ("M", "24.90"), ("L", "26.90"))
    ]
    mug_variations = [
        variations.for_parent(mug["id"]).create(
            {
                "sku": f"MUG-STONE-{colour.upper()}",
                "regular_price": "14.50",
                "attributes": [{"name": "Colour", "option": colour}],
            },
            ctx,
        )
        for colour in ("Sand", "Slate")
    ]
    return shirt_variations, mug_variations


def _attributes(api, product, name, options):
    record = api.store.get("product", product["id"])
    api.store.put(
        "product",
        dict(
            record,
            attributes=[
                {
                    "id": 0,
                    "name": name,
                    "position": 0,
                    "visible": True,
                    "variation": True,
                    "options": list(options),
                }
            ],
        ),
    )


def _addresses(customer):
    return {"billing": customer["billing"], "shipping": customer["shipping"]}


def _orders(api, ctx, customers, shirt, mug, book):
    orders = api.resources["orders"]
    lena, jonas, camille, lucia, emily = customers
    flat = {"method_id": "flat_rate", "method_title": "Flat rate", "total": "4.90"}
    express = {"method_id": "flat_rate", "method_title": "Express", "total": "9.90"}
    # Germany: shelf prices include 19 % (7 % for the book), a variation line.
    taxed_de = orders.create(
        dict(
            _addresses(lena),
            customer_id=lena["id"],
            currency="EUR",
            payment_method="stripe",
            payment_method_title="Credit card",
            line_items=[
                {"variation_id": shirt[1]["id"], "quantity": 2},
                {"product_id": book["id"], "quantity": 1},
            ],
            shipping_lines=[flat],
            set_paid=True,
        ),
        ctx,
        prices_include_tax=True,
    )
    # Germany, company: a coupon, two shipping lines, completed.
    orders.create(
        dict(
            _addresses(jonas),
            customer_id=jonas["id"],
            currency="EUR",
            line_items=[
                {"variation_id": mug[0]["id"], "quantity": 4},
                {"variation_id": shirt[2]["id"], "quantity": 1},
            ],
            shipping_lines=[flat, express],
            coupon_lines=[{"code": "spring10"}],
            status="completed",
            set_paid=True,
        ),
        ctx,
        prices_include_tax=True,
    )
    # France, prices without tax: a taxable fee and a fixed coupon.
    orders.create(
        dict(
            _addresses(camille),
            customer_id=camille["id"],
            currency="EUR",
            line_items=[{"variation_id": mug[1]["id"], "quantity": 2}],
            shipping_lines=[flat],
            fee_lines=[{"name": "Gift wrapping", "total": "2.50"}],
            coupon_lines=[{"code": "welcome5"}],
            set_paid=True,
        ),
        ctx,
    )
    # Texas, in USD, a guest with a negative fee.
    guest = dict(_addresses(emily), customer_id=0)
    orders.create(
        dict(
            guest,
            currency="USD",
            line_items=[{"variation_id": shirt[0]["id"], "quantity": 3}],
            shipping_lines=[express],
            fee_lines=[
                {"name": "Loyalty discount", "total": "-3.00", "tax_status": "none"}
            ],
            status="completed",
            set_paid=True,
        ),
        ctx,
    )
    # Spain: refunded in full; Lena again: refunded in part; Lucía: cancelled.
    refunded = orders.create(
        dict(
            _addresses(lucia),
            customer_id=lucia["id"],
            currency="EUR",
            line_items=[{"variation_id": shirt[1]["id"], "quantity": 1}],
            shipping_lines=[flat],
            set_paid=True,
        ),
        ctx,
    )
    _refund(api, ctx, refunded, None, "Returned unworn")
    _refund(api, ctx, taxed_de, "12.00", "Book damaged in transit")
    orders.create(
        dict(
            _addresses(lucia),
            customer_id=lucia["id"],
            currency="EUR",
            line_items=[{"variation_id": mug[0]["id"], "quantity": 1}],
            status="cancelled",
        ),
        ctx,
    )


def _refund(api, ctx, order, amount, reason):
    orders = api.resources["orders"]
    record = api.store.get("order", order["id"])
    amount = amount or str(orders.order_amounts(record)["total"])
    api.resources["orders/refunds"].for_parent(order["id"]).create(
        {"amount": amount, "reason": reason}, ctx
    )
