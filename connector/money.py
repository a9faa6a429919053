# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Money of a remote system, exact to the cent, for the import mappers."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .exception import MappingError


def to_decimal(value, label=None):
    """An amount (JSON string or number) as a ``Decimal``; ``None`` for
    ``""``/``null``; :class:`MappingError` for anything else, naming
    ``label`` (where the value comes from) when given::

        to_decimal("29.35")  # Decimal('29.35')
        to_decimal(10)       # Decimal('10')
        to_decimal("ten", "Line item 7: field 'quantity'")  # MappingError
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        # str() first: a JSON float becomes its shortest repr, not 0.1000000000000000055
        return Decimal(str(value))
    except InvalidOperation as err:
        if label:
            raise MappingError(f"{label} must be a number, got {value!r}.") from err
        raise MappingError(f"{value!r} is not an amount of money.") from err


def to_cents(amount, decimal_places):
    """``amount`` rounded half up to ``decimal_places``, as a ``Decimal``."""
    return Decimal(repr(amount)).quantize(
        Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP
    )


def line_price_and_discount(quantity, subtotal, total, discount_digits, decimal_places):
    """Unit price and discount of an Odoo line whose amount is exactly ``total``.

    ``subtotal`` is the remote line's amount before discount, ``total`` after
    (``Decimal``). The discount is rounded to ``discount_digits`` and the
    unit price (not rounded in Odoo 19) computed back from ``total``: the
    unrounded line amount is ``total`` itself, so the order total matches the
    remote's to the cent whether the company rounds per line or globally. In
    the rare case the unit price times the quantity would not give
    ``subtotal`` back, the discount is folded into the unit price::

        line_price_and_discount(Decimal(3), Decimal("30"), Decimal("27"), 2, 2)
        # (10.0, 10.0)
    """
    if not quantity:
        return 0.0, 0.0
    if subtotal and not total:
        return float(subtotal / quantity), 100.0
    if subtotal and total != subtotal:
        discount = float(round((1 - total / subtotal) * 100, discount_digits))
        if discount < 100:
            price_unit = float(total) / (float(quantity) * (1 - discount / 100))
            if to_cents(price_unit * float(quantity), decimal_places) == subtotal:
                return price_unit, discount
    return float(total / quantity), 0.0
