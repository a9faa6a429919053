"""Rebuild ``demo_shop/properties.json`` from the WooCommerce REST API v3 documentation.

The documentation is the public repository ``woocommerce/woocommerce-rest-api-docs``;
each ``source/includes/wp-api-v3/_<resource>.md`` has tables of properties (name, type,
description). Run with the folder holding those files::

    python3 tools/extract_properties.py DOCS_DIR > demo_shop/properties.json

Write-only properties (``set_paid``, ``password``, ``secret``...) are left out: a
response never carries them.
"""

import json
import re
import sys
from pathlib import Path

FILES = {
    "customer": "_customers.md",
    "product": "_products.md",
    "variation": "_product-variations.md",
    "category": "_product-categories.md",
    "order": "_orders.md",
    "refund": "_order-refunds.md",
    "tax": "_taxes.md",
    "webhook": "_webhooks.md",
}
WRITE_ONLY = re.compile(r"write-only", re.IGNORECASE)
SEE = re.compile(r"See \[(.*?) properties\]")
# Where a table contradicts the documentation's own example responses (which are what
# WooCommerce's code sends), the example wins.
CORRECTIONS = {
    ("order", "Order - Line items", "price"): "number",
    ("refund", "Order refund - Line items", "price"): "number",
    ("refund", "Order refund - Line items", "tax_class"): "string",
    ("order", "Order - Tax lines", "rate_id"): "integer",
    ("variation", "Product variation", "shipping_class_id"): "integer",
}
# The line taxes of orders are ``{id, total, subtotal}`` in every example; the
# documentation's "Order - Taxes" table repeats the tax lines' table by mistake.
LINE_TAXES = {"id": "integer", "total": "string", "subtotal": "string"}
HEADING = re.compile(r"^#{2,4}\s+(.*?)\s+properties\s+#*\s*$", re.IGNORECASE)
ROW = re.compile(r"^\|\s*`([a-z0-9_]+)`\s*\|\s*([a-z\-]+)\s*\|(.*)$")


def tables(text):
    """``{table: {property: type}}`` and ``{table: {property: nested table}}``."""
    result, nested, current = {}, {}, None
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            current = heading.group(1).strip()
            result.setdefault(current, {})
            continue
        if line.startswith("#"):
            current = None
            continue
        row = ROW.match(line)
        if current is not None and row and not WRITE_ONLY.search(row.group(3)):
            kind = row.group(2)
            result[current][row.group(1)] = "boolean" if kind == "bool" else kind
            see = SEE.search(row.group(3))
            if see:
                nested.setdefault(current, {})[row.group(1)] = see.group(1)
    return result, nested


def main(docs_dir):
    out = {"tables": {}, "nested": {}}
    for resource, name in FILES.items():
        found, nested = tables((Path(docs_dir) / name).read_text())
        out["tables"][resource], out["nested"][resource] = found, nested
    for (resource, table, prop), kind in CORRECTIONS.items():
        out["tables"][resource][table][prop] = kind
    out["tables"]["order"]["Order - Taxes"] = dict(LINE_TAXES)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
