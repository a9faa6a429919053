"""Value formats of the resources: money, slugs, paragraphs, JSON bytes, meta data."""

import json
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")


def is_decimal(value) -> bool:
    return isinstance(value, str) and bool(_DECIMAL_RE.match(value.strip()))


def to_decimal(value) -> Decimal:
    """Parse a money value (string or number); blank or invalid values count as zero."""
    if value is None or value == "":
        return Decimal(0)
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return Decimal(0)


def money(value, dp: int = 2) -> str:
    """Format like ``wc_format_decimal($value, $dp)``: a string with ``dp`` decimals."""
    quantum = Decimal(1).scaleb(-dp)
    return str(to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP))


def number(value: Decimal):
    """A JSON number for a line item ``price``: an int when integral, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def sanitize_title(text: str) -> str:
    """A WordPress-like slug: ASCII, lower case, words joined by dashes."""
    ascii_text = (
        unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def wpautop(text: str) -> str:
    """Wrap paragraphs in ``<p>`` as WordPress does for the ``view`` context."""
    if not (text or "").strip():
        return ""
    if re.match(
        r"\s*<(p|div|ul|ol|h[1-6]|table|blockquote|pre)\b", text, re.IGNORECASE
    ):
        return text.strip() + "\n"
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "".join(
        "<p>" + part.strip().replace("\n", "<br />\n") + "</p>\n" for part in paragraphs
    )


def wp_json(payload) -> bytes:
    """Encode like ``wp_json_encode``: compact, ``\\u`` escapes, ``/`` as ``\\/``.

    The escaping of ``/`` can be applied to the encoded text as a whole because a slash
    can only occur inside JSON strings.
    """
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    return text.replace("/", "\\/").encode("ascii")


def apply_meta(store, current: list, incoming) -> list:
    """Merge ``meta_data`` by ``id``, else ``key``; a ``null`` value removes one."""
    result = [dict(entry) for entry in current]
    for entry in incoming or []:
        if not isinstance(entry, dict) or "key" not in entry and "id" not in entry:
            continue
        target = next(
            (
                meta
                for meta in result
                if entry.get("id") and meta["id"] == entry.get("id")
            ),
            None,
        )
        if target is None and "key" in entry:
            target = next(
                (meta for meta in result if meta["key"] == entry["key"]), None
            )
        if target is not None and entry.get("value", "") is None:
            result.remove(target)
        elif target is not None:
            target["value"] = entry.get("value", "")
            target["key"] = entry.get("key", target["key"])
        elif entry.get("value") is not None and "key" in entry:
            result.append(
                {
                    "id": store.next_id("meta"),
                    "key": str(entry["key"]),
                    "value": entry["value"],
                }
            )
    return result
