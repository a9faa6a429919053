"""Parsing and validation of request parameters, with WordPress's error messages.

WordPress validates every declared parameter and reports all failures in one
``400 rest_invalid_param``; :class:`Params` collects errors the same way and
:meth:`Params.check` raises them together.
"""

import re
from datetime import datetime, timedelta, timezone

from .errors import invalid_params, wp_list

# WordPress's rest_parse_date() pattern: date, time, optional fraction and offset.
_DATE_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})"
    r"(?:\.\d+)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_date(value: str) -> str | None:
    """``YYYY-MM-DDTHH:MM:SS`` in UTC (second resolution), or None when unparsable."""
    match = _DATE_RE.match(value or "")
    if not match:
        return None
    try:
        moment = datetime(*(int(part) for part in match.groups()[:6]))
    except ValueError:
        return None
    offset = match.group(7)
    if offset and offset not in ("Z", "z"):
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        moment = (
            moment.replace(tzinfo=timezone(sign * delta))
            .astimezone(timezone.utc)
            .replace(tzinfo=None)
        )
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def to_int(value):
    """WordPress integer coercion: ints and integral strings; anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    # ASCII digits only, and no more than an SQLite integer holds.
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,18}\s*", value):
        return int(value)
    return None


def to_bool(value):
    """WordPress boolean coercion (``rest_sanitize_boolean``); None if not a boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", ""):
        return value.lower() in ("true", "1")
    return None


class Params:
    """Typed query parameters (``a[]=1&a[]=2`` and ``a=1,2`` both give lists)."""

    def __init__(self, pairs):
        self.values = {}
        for key, value in pairs:
            if key.endswith("[]"):
                previous = self.values.get(key[:-2])
                items = previous if isinstance(previous, list) else []
                items.append(value)
                self.values[key[:-2]] = items
            else:
                self.values[key] = value
        self.errors = {}
        self.error_codes = {}

    def _fail(self, name, message, code):
        self.errors.setdefault(name, message)
        self.error_codes.setdefault(name, code)

    def has(self, name) -> bool:
        return name in self.values

    def string(self, name, default=None):
        value = self.values.get(name, default)
        if isinstance(value, list):
            value = ",".join(value)
        return value

    def integer(self, name, default=None, minimum=None, maximum=None):
        if name not in self.values:
            return default
        value = to_int(self.values[name])
        if value is None:
            self._fail(name, f"{name} is not of type integer.", "rest_invalid_type")
            return default
        if (
            maximum is not None
            and minimum is not None
            and not minimum <= value <= maximum
        ):
            self._fail(
                name,
                f"{name} must be between {minimum} (inclusive) and {maximum} "
                "(inclusive)",
                "rest_out_of_bounds",
            )
            return default
        if minimum is not None and value < minimum:
            self._fail(
                name,
                f"{name} must be greater than or equal to {minimum}",
                "rest_out_of_bounds",
            )
            return default
        return value

    def boolean(self, name, default=False):
        if name not in self.values:
            return default
        value = to_bool(self.string(name))
        if value is None:
            self._fail(name, f"{name} is not of type boolean.", "rest_invalid_type")
            return default
        return value

    def enum(self, name, choices, default=None):
        if name not in self.values:
            return default
        value = self.string(name)
        if value not in choices:
            self._fail(
                name, f"{name} is not one of {wp_list(choices)}.", "rest_not_in_enum"
            )
            return default
        return value

    def enum_list(self, name, choices, default):
        if name not in self.values:
            return list(default)
        values = self._items(name)
        for index, value in enumerate(values):
            if value not in choices:
                self._fail(
                    name,
                    f"{name}[{index}] is not one of {wp_list(choices)}.",
                    "rest_not_in_enum",
                )
                return list(default)
        return values

    def id_list(self, name):
        """A list of ints, or None when the parameter is absent."""
        if name not in self.values:
            return None
        ids = []
        for index, item in enumerate(self._items(name)):
            value = to_int(item)
            if value is None:
                self._fail(
                    name,
                    f"{name}[{index}] is not of type integer.",
                    "rest_invalid_type",
                )
                return None
            ids.append(value)
        return ids

    def date(self, name):
        if name not in self.values:
            return None
        value = parse_date(self.string(name))
        if value is None:
            self._fail(name, "Invalid date.", "rest_invalid_date")
        return value

    def _items(self, name):
        value = self.values[name]
        if isinstance(value, list):
            return [item for item in value if item != ""]
        return [item.strip() for item in value.split(",") if item.strip() != ""]

    def check(self):
        """Raise one ``rest_invalid_param`` error for everything that failed so far."""
        if self.errors:
            raise invalid_params(self.errors, self.error_codes)


def validate_body(body: dict, schema: dict) -> dict:
    """Check and coerce the fields of ``body`` known to ``schema``; drop the others.

    ``schema`` maps a field name to ``"string"``, ``"integer"``, ``"boolean"``,
    ``"number"``,
    ``"array"``, ``"object"``, ``"string|null"`` or a tuple of allowed strings.
    """
    clean, errors, codes = {}, {}, {}
    for name, kind in schema.items():
        if name not in body:
            continue
        value = body[name]
        ok, coerced = _coerce(value, kind)
        if ok:
            clean[name] = coerced
        elif isinstance(kind, tuple):
            errors[name] = f"{name} is not one of {wp_list(kind)}."
            codes[name] = "rest_not_in_enum"
        else:
            errors[name] = f"{name} is not of type {kind.replace('|', ',')}."
            codes[name] = "rest_invalid_type"
    if errors:
        raise invalid_params(errors, codes)
    return clean


def _coerce(value, kind):
    if isinstance(kind, tuple):
        return (value in kind, value)
    nullable = kind.endswith("|null")
    kind = kind.split("|")[0]
    if value is None:
        return (nullable, None)
    if kind == "string":
        return (isinstance(value, str), value)
    if kind == "integer":
        coerced = to_int(value)
        return (coerced is not None, coerced)
    if kind == "boolean":
        coerced = to_bool(value)
        return (coerced is not None, coerced)
    if kind == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (True, value)
        try:
            return (True, float(value))
        except (TypeError, ValueError):
            return (False, None)
    if kind == "array":
        return (isinstance(value, list), value)
    if kind == "object":
        return (isinstance(value, dict), value)
    raise ValueError(f"Unknown schema type {kind!r}")
