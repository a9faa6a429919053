# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.connector.exception import InvalidDataError

from .common import DemoShopCase

MODIFIED = "2024-03-01T10:00:00"


def _customer(cid, **values):
    record = {
        "id": cid,
        "email": f"malformed{cid}@example.net",
        "first_name": "Mal",
        "last_name": f"Formed {cid}",
        "username": f"malformed{cid}",
        "billing": {"city": "Basel", "country": "CH"},
        "date_modified_gmt": MODIFIED,
    }
    record.update(values)
    return {key: value for key, value in record.items() if value is not ...}


def _order(oid, **values):
    record = {
        "id": oid,
        "number": str(oid),
        "status": "processing",
        "customer_id": 0,
        "billing": {"first_name": "Guest", "email": f"g{oid}@example.net"},
        "total": "10.00",
        "line_items": [
            {
                "id": oid * 10,
                "name": "Thing",
                "product_id": 1,
                "quantity": 1,
                "subtotal": "10.00",
                "total": "10.00",
            }
        ],
        "shipping_lines": [],
        "date_created_gmt": MODIFIED,
        "date_modified_gmt": MODIFIED,
    }
    record.update(values)
    return record


# (binding model, shop record, field the error must name)
CASES = {
    "customer email is a number": (
        "demo.shop.res.partner",
        _customer(9005, email=12345),
        "email",
    ),
    "customer without any name or email": (
        "demo.shop.res.partner",
        _customer(
            9002, email=..., first_name=..., last_name=..., username=..., billing=...
        ),
        "first_name",
    ),
    "product name is a list": (
        "demo.shop.product.product",
        {"id": 9102, "name": ["a", "b"], "sku": "MAL-9102", "status": "publish"},
        "name",
    ),
    "order line_items is an object": (
        "demo.shop.sale.order",
        _order(9201, line_items={"0": {}}),
        "line_items",
    ),
    "order line quantity is a word": (
        "demo.shop.sale.order",
        _order(
            9202,
            line_items=[
                {
                    "id": 92020,
                    "name": "Thing",
                    "product_id": 1,
                    "quantity": "three",
                    "subtotal": "10.00",
                    "total": "10.00",
                }
            ],
        ),
        "quantity",
    ),
}


class TestImportMalformed(DemoShopCase):
    reset_shop_each_test = False

    def _counts(self):
        return [
            self.env[model].search_count([])
            for model in ("res.partner", "product.product", "sale.order")
        ]

    def test_malformed_records_are_refused_clearly(self):
        """A malformed shop record raises InvalidDataError naming the record,
        field and shop id, and creates nothing."""
        for case, (model_name, record, field) in CASES.items():
            with self.subTest(case=case):
                before = self._counts()
                with self.backend.work_on(model_name) as work:
                    importer = work.component(usage="record.importer")
                    # the demo shop validates what it stores: serve the payload here
                    importer._get_remote_data = lambda record=record: record
                    with self.assertRaises(InvalidDataError) as raised:
                        importer.run(record["id"])
                message = str(raised.exception)
                self.assertIn(str(record["id"]), message)
                self.assertIn(repr(field), message)
                self.assertIn(self.env[model_name]._description, message)
                self.assertEqual(self._counts(), before)
                self.assertFalse(self.binding(model_name, record["id"]))
