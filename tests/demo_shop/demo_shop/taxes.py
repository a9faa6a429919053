"""Order amounts as a WooCommerce store computes them: taxes per rate, coupons, totals.

Amounts are :class:`~decimal.Decimal` rounded to the cent, half up, line by line:

- a line's ``subtotal`` is before coupons, its ``total`` after; both exclude tax. With
  ``prices_include_tax`` the shelf price includes the tax: the tax of a gross amount
  ``g`` at rate ``r`` is ``g * r / (1 + R)`` (``R`` the sum of the rates applied) and
  the net amount is ``g`` minus those taxes, so net plus tax gives back the shelf price;
- the rates of a line are the store's rates of the line's tax class whose country is
  the order's (shipping address first, else billing) or any, one per priority;
  shipping lines use the rates marked ``shipping``; a fee is taxed unless its
  ``tax_status`` is ``none`` (a negative fee has negative taxes);
- a coupon (``percent`` or ``fixed_cart``) lowers the lines' totals; a fixed amount
  is shared in proportion to the lines' subtotals, the last line taking the rest;
- ``total`` = lines + fees + shipping (after discounts, without tax) + ``total_tax``.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)


def cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def rates_for(store, country, tax_class="", shipping=False):
    """The tax rates applying to an amount of ``tax_class`` shipped to ``country``."""
    wanted = tax_class or "standard"
    chosen = {}
    for rate in sorted(
        store.all("tax"), key=lambda r: (r["priority"], r["order"], r["id"])
    ):
        if rate["class"] != wanted or rate["country"] not in ("", country):
            continue
        if shipping and not rate["shipping"]:
            continue
        chosen.setdefault(rate["priority"], rate)
    return list(chosen.values())


def taxes_of_net(amount, rates) -> dict:
    """``{rate id: tax}`` of a net amount."""
    return {rate["id"]: cents(amount * Decimal(rate["rate"]) / 100) for rate in rates}


def taxes_of_gross(amount, rates) -> dict:
    """``{rate id: tax}`` included in a gross amount."""
    total = sum((Decimal(rate["rate"]) for rate in rates), ZERO) / 100
    return {
        rate["id"]: cents(amount * Decimal(rate["rate"]) / 100 / (1 + total))
        for rate in rates
    }


def coupon_discounts(bases, coupon) -> list:
    """The discount of each line base for one coupon."""
    if not coupon or not bases:
        return [ZERO] * len(bases)
    amount = Decimal(coupon["amount"])
    if coupon["discount_type"] == "percent":
        return [cents(base * amount / 100) for base in bases]
    whole = sum(bases, ZERO)
    amount = min(amount, whole)
    shares = [cents(amount * base / whole) if whole else ZERO for base in bases]
    shares[-1] = amount - sum(shares[:-1], ZERO)
    return shares


def compute_lines(record, store, coupon=None):
    """Set the taxes (and, for gross prices, the net amounts) of every line."""
    inclusive = bool(record.get("prices_include_tax"))
    country = (record.get("shipping") or {}).get("country") or (
        record.get("billing") or {}
    ).get("country", "")
    lines = record["line_items"]
    bases = [
        Decimal(line["gross_subtotal"])
        if inclusive and "gross_subtotal" in line
        else Decimal(line["subtotal"])
        for line in lines
    ]
    discounts = coupon_discounts(bases, coupon) if coupon else None
    for index, line in enumerate(lines):
        rates = rates_for(store, country, line.get("tax_class", ""))
        base = bases[index]
        after = base - discounts[index] if discounts else None
        if inclusive and "gross_subtotal" in line:
            after = base if after is None else after
            sub_taxes, taxes = taxes_of_gross(base, rates), taxes_of_gross(after, rates)
            line["subtotal"] = str(base - sum(sub_taxes.values(), ZERO))
            line["total"] = str(after - sum(taxes.values(), ZERO))
        else:
            if after is not None:
                line["total"] = str(after)
            sub_taxes = taxes_of_net(Decimal(line["subtotal"]), rates)
            taxes = taxes_of_net(Decimal(line["total"]), rates)
        line["taxes"] = [
            {"id": rid, "subtotal": str(sub_taxes[rid]), "total": str(taxes[rid])}
            for rid in taxes
        ]
    for line in record.get("shipping_lines", []):
        rates = rates_for(store, country, "", shipping=True)
        taxes = taxes_of_net(Decimal(line["total"]), rates)
        line["taxes"] = [{"id": rid, "total": str(tax)} for rid, tax in taxes.items()]
    for line in record.get("fee_lines", []):
        rates = (
            []
            if line.get("tax_status") == "none"
            else rates_for(store, country, line.get("tax_class", ""))
        )
        taxes = taxes_of_net(Decimal(line["total"]), rates)
        line["taxes"] = [{"id": rid, "total": str(tax)} for rid, tax in taxes.items()]


def line_tax(line, field="total") -> Decimal:
    return sum((Decimal(tax[field]) for tax in line.get("taxes", [])), ZERO)


def order_totals(record) -> dict:
    """The order's amounts (Decimals) from its computed lines."""
    lines = record["line_items"]
    fees = record.get("fee_lines", [])
    shipping = record.get("shipping_lines", [])
    line_total = sum((Decimal(line["total"]) for line in lines), ZERO)
    subtotal = sum((Decimal(line["subtotal"]) for line in lines), ZERO)
    fee_total = sum((Decimal(line["total"]) for line in fees), ZERO)
    shipping_total = sum((Decimal(line["total"]) for line in shipping), ZERO)
    cart_tax = sum((line_tax(line) for line in lines + fees), ZERO)
    shipping_tax = sum((line_tax(line) for line in shipping), ZERO)
    discount_tax = sum(
        (line_tax(line, "subtotal") - line_tax(line) for line in lines), ZERO
    )
    total_tax = cart_tax + shipping_tax
    return {
        "discount_total": subtotal - line_total,
        "discount_tax": discount_tax,
        "shipping_total": shipping_total,
        "shipping_tax": shipping_tax,
        "cart_tax": cart_tax,
        "total_tax": total_tax,
        "fee_total": fee_total,
        "total": line_total + fee_total + shipping_total + total_tax,
    }


def tax_lines(record, store) -> list:
    """One entry per rate used, as an order's ``tax_lines``."""
    found = {}
    for group, shipping in (
        (record["line_items"] + record.get("fee_lines", []), False),
        (record.get("shipping_lines", []), True),
    ):
        for line in group:
            for tax in line.get("taxes", []):
                entry = found.setdefault(tax["id"], [ZERO, ZERO])
                entry[1 if shipping else 0] += Decimal(tax["total"])
    result = []
    for rate_id, (items, ship) in sorted(found.items()):
        rate = store.get("tax", rate_id) or {
            "country": "",
            "state": "",
            "name": "Tax",
            "priority": 1,
            "compound": False,
            "rate": "0",
        }
        code = "-".join(
            part
            for part in (rate["country"], rate["state"], rate["name"].upper())
            if part
        )
        result.append(
            {
                "rate_id": rate_id,
                "rate_code": f"{code}-{rate['priority']}",
                "label": rate["name"],
                "compound": bool(rate["compound"]),
                "tax_total": items,
                "shipping_tax_total": ship,
                "rate_percent": float(Decimal(rate["rate"])),
            }
        )
    return result
