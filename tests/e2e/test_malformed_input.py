# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Malformed input: a shop answering payloads with wrong types, missing keys,
huge strings or SQL-looking strings.

The shop here is a small HTTP server of the test (the demo shop validates
what it stores, so it cannot serve such payloads); Odoo reaches it over
loopback like any shop.
"""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .harness import make_backend

MODIFIED = "2024-03-01T10:00:00"
SQL_NAME = "Robert'); DROP TABLE res_partner; --"
SQL_LAST = "O'Brien\" OR 1=1; DELETE FROM sale_order WHERE '1'='1"
HUGE = "x" * (2 * 1024 * 1024)


def _customer(cid, **values):
    record = {
        "id": cid,
        "email": f"malformed{cid}@example.net",
        "first_name": "Mal",
        "last_name": f"Formed {cid}",
        "username": f"malformed{cid}",
        "billing": {"city": "Basel", "country": "CH", "postcode": "4000"},
        "date_modified_gmt": MODIFIED,
    }
    record.update(values)
    return {key: value for key, value in record.items() if value is not ...}


def _product(pid, **values):
    record = {
        "id": pid,
        "name": f"Malformed product {pid}",
        "sku": f"MAL-{pid}",
        "status": "publish",
        "regular_price": "10.00",
        "price": "10.00",
        "date_modified_gmt": MODIFIED,
    }
    record.update(values)
    return {key: value for key, value in record.items() if value is not ...}


def _line(lid, **values):
    record = {
        "id": lid,
        "name": "Malformed product 9150",
        "product_id": 9150,
        "quantity": 1,
        "subtotal": "10.00",
        "total": "10.00",
    }
    record.update(values)
    return {key: value for key, value in record.items() if value is not ...}


def _order(oid, **values):
    record = {
        "id": oid,
        "number": str(oid),
        "status": "processing",
        "customer_id": 0,
        "billing": {
            "first_name": "Guest",
            "last_name": str(oid),
            "email": f"g{oid}@x.net",
        },
        "total": "10.00",
        "line_items": [_line(oid * 10)],
        "shipping_lines": [],
        "date_created_gmt": MODIFIED,
        "date_modified_gmt": MODIFIED,
    }
    record.update(values)
    return {key: value for key, value in record.items() if value is not ...}


# (resource, record, expected outcome): "failed" = a clear job failure and no
# record in Odoo; "done" = imported as given
CASES = {
    "customer billing is a string": (
        "customers",
        _customer(9001, billing="oops"),
        "failed",
    ),
    "customer without any name or email": (
        "customers",
        _customer(
            9002, email=..., first_name=..., last_name=..., username=..., billing=...
        ),
        "failed",
    ),
    "customer with a 2 MB first name": (
        "customers",
        _customer(9003, first_name=HUGE),
        "failed",
    ),
    "customer email is a number": ("customers", _customer(9005, email=12345), "failed"),
    "customer with SQL-looking names": (
        "customers",
        _customer(9004, first_name=SQL_NAME, last_name=SQL_LAST),
        "done",
    ),
    "product price is not a number": (
        "products",
        _product(9101, regular_price="12,50"),
        "failed",
    ),
    "product name is a list": ("products", _product(9102, name=["a", "b"]), "failed"),
    "product date is not a date": (
        "products",
        _product(9103, date_modified_gmt="yesterday"),
        "failed",
    ),
    "order line_items is an object": (
        "orders",
        _order(9201, line_items={"0": {}}),
        "failed",
    ),
    "order line quantity is a word": (
        "orders",
        _order(9202, line_items=[_line(92020, quantity="three")]),
        "failed",
    ),
    "order line without id nor product": (
        "orders",
        _order(9203, line_items=[_line(92030, id=..., product_id=...)]),
        "failed",
    ),
    "order total is an object": (
        "orders",
        _order(9204, total={"amount": 10}),
        "failed",
    ),
    "order creation date is not a date": (
        "orders",
        _order(9205, date_created_gmt="last tuesday"),
        "failed",
    ),
}
# valid records the orders point to
EXTRA = {"products": [_product(9150)]}
# exceptions that say nothing about the record: a crash, not a clear error
UNCLEAR = {
    "KeyError",
    "AttributeError",
    "TypeError",
    "ValueError",
    "IndexError",
    "InvalidOperation",
    "DataError",
    "IntegrityError",
    "NotNullViolation",
    "CheckViolation",
    "UniqueViolation",
    "StringDataRightTruncation",
}


class EvilShop:
    """Serves ``CASES`` under the shop's API paths (list and read), 404 otherwise."""

    def __init__(self):
        records = {}
        for resource, record, _outcome in CASES.values():
            records.setdefault(resource, []).append(record)
        for resource, extra in EXTRA.items():
            records.setdefault(resource, []).extend(extra)
        self.records = records
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?", 1)[0]
                match = re.fullmatch(r"/wp-json/wc/v3/(\w+)(?:/(\d+))?", path)
                items = shop.records.get(match.group(1)) if match else None
                if items is None:
                    return self._answer(
                        404, {"code": "rest_no_route", "data": {"status": 404}}
                    )
                if match.group(2) is None:
                    listing = [
                        {"id": r["id"], "date_modified_gmt": MODIFIED} for r in items
                    ]
                    return self._answer(200, listing, total=len(listing))
                found = [r for r in items if str(r.get("id")) == match.group(2)]
                if not found:
                    return self._answer(
                        404,
                        {
                            "code": "woocommerce_rest_invalid_id",
                            "data": {"status": 404},
                        },
                    )
                return self._answer(200, found[0])

            def _answer(self, status, body, total=None):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                if total is not None:
                    self.send_header("X-WP-Total", str(total))
                    self.send_header("X-WP-TotalPages", "1")
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.key, self.secret = (
            "ck_malformed_0123456789abcdef",
            "cs_malformed_0123456789abcdef",
        )
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def malformed_run(admin, db, imported):
    """The three batch imports run against the evil shop; job rows by external id."""
    shop = EvilShop()
    try:
        counts_before = _counts(db)
        backend_id = make_backend(admin, shop, "E2E malformed")
        since = db.max_job_id()
        for action in ("action_import_customers", "action_import_products"):
            admin.call("demo.shop.backend", action, [[backend_id]])
        db.wait_jobs_idle(since_id=since, timeout=180)
        admin.call("demo.shop.backend", "action_import_orders", [[backend_id]])
        db.wait_jobs_idle(since_id=since, timeout=180)
    finally:
        shop.close()
    jobs = {}
    for args, state, exc_name, exc_message in db.all(
        "SELECT args::text, state, exc_name, exc_message FROM queue_job "
        "WHERE id > %s AND method_name = 'import_record'",
        (since,),
    ):
        args = json.loads(args)
        if isinstance(args, str):  # a JSON text stored in a JSON column
            args = json.loads(args)
        external_id = args[-1]
        jobs[str(external_id)] = (state, exc_name, exc_message)
    return {
        "backend_id": backend_id,
        "since": since,
        "jobs": jobs,
        "counts_before": counts_before,
    }


def _counts(db):
    return db.one(
        "SELECT (SELECT count(*) FROM res_partner),"
        " (SELECT count(*) FROM product_product),"
        " (SELECT count(*) FROM sale_order), (SELECT count(*) FROM sale_order_line)"
    )


def _bound(db, resource, backend_id, external_id):
    table = {
        "customers": "demo_shop_res_partner",
        "products": "demo_shop_product_product",
        "orders": "demo_shop_sale_order",
    }[resource]
    return db.scalar(
        f"SELECT count(*) FROM {table} WHERE backend_id = %s AND external_id = %s",
        (backend_id, external_id),
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_payload(db, malformed_run, case):
    """A malformed shop record fails its job with a clear error and imports nothing."""
    resource, record, outcome = CASES[case]
    external_id = str(record["id"])
    state, exc_name, exc_message = malformed_run["jobs"][external_id]
    bound = _bound(db, resource, malformed_run["backend_id"], external_id)
    if outcome == "done":
        assert (state, bound) == ("done", 1), (exc_name, exc_message)
        return
    assert state == "failed", f"{state}; bound: {bound}"
    assert exc_name.rsplit(".", 1)[-1] not in UNCLEAR, f"{exc_name}: {exc_message}"
    assert exc_message and len(exc_message) < 2000, exc_message[:300]
    assert bound == 0


def test_sql_looking_strings_are_stored_verbatim(admin, db, malformed_run):
    """SQL-looking names are plain text in Odoo: stored as sent, every table intact."""
    rows = admin.call(
        "demo.shop.res.partner",
        "search_read",
        [
            [
                ("backend_id", "=", malformed_run["backend_id"]),
                ("external_id", "=", "9004"),
            ]
        ],
        fields=["name"],
    )
    assert [row["name"] for row in rows] == [f"{SQL_NAME} {SQL_LAST}"]
    partners, products, orders, lines = _counts(db)
    before = malformed_run["counts_before"]
    assert orders >= before[2] and lines >= before[3]
    assert partners >= before[0] and products >= before[1]


def test_malformed_import_changes_nothing_else(db, malformed_run):
    """Besides the valid records, the malformed import created no partner,
    product, order or line."""
    partners, products, orders, lines = _counts(db)
    before = malformed_run["counts_before"]
    # valid: the SQL-looking customer and the product the orders point to
    # (imported by its own job)
    assert (partners - before[0], products - before[1]) == (1, 1)
    assert (orders, lines) == (before[2], before[3])
