# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Money of a remote system, exact to the cent, for the import mappers."""

from decimal import Decimal, InvalidOperation

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
