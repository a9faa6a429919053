"""Tax rates (``/taxes``): percentages per country, class and priority."""

from typing import ClassVar

from .. import formats
from ..params import validate_body
from .base import Resource


class TaxResource(Resource):
    kind = "tax"
    path = "taxes"
    singular = "tax"
    invalid_id_code = "woocommerce_rest_invalid_id"
    invalid_id_message = "Invalid resource ID."
    update_missing_status = 400
    exists_code = "woocommerce_rest_tax_exists"
    default_orderby = "order"
    orderby_keys: ClassVar[dict] = {
        "id": lambda record: record["id"],
        "order": lambda record: record["order"],
        "priority": lambda record: record["priority"],
    }
    schema: ClassVar[dict] = {
        "country": "string",
        "state": "string",
        "postcode": "string",
        "city": "string",
        "rate": "string",
        "name": "string",
        "priority": "integer",
        "compound": "boolean",
        "shipping": "boolean",
        "order": "integer",
        "class": "string",
    }

    def filters(self, params):
        wanted = params.string("class")
        return [lambda record: record["class"] == wanted] if wanted else []

    def render(self, record, ctx):
        return {
            "id": record["id"],
            "country": record["country"],
            "state": record["state"],
            "postcode": record["postcode"],
            "city": record["city"],
            "postcodes": [record["postcode"]] if record["postcode"] else [],
            "cities": [record["city"]] if record["city"] else [],
            "rate": f"{formats.to_decimal(record['rate']):.4f}",
            "name": record["name"],
            "priority": record["priority"],
            "compound": record["compound"],
            "shipping": record["shipping"],
            "order": record["order"],
            "class": record["class"],
            "_links": self.links(record),
        }

    def _apply(self, record, values):
        for name in self.schema:
            if name in values:
                record[name] = values[name]
        record["country"] = record["country"].upper()
        if not formats.is_decimal(record["rate"]):
            record["rate"] = "0"
        return record

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        record = {
            "id": self.store.next_id("tax"),
            "country": "",
            "state": "",
            "postcode": "",
            "city": "",
            "rate": "0",
            "name": "Tax",
            "priority": 1,
            "compound": False,
            "shipping": True,
            "order": 0,
            "class": "standard",
        }
        return self.store.put(self.kind, self._apply(record, values))

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        return self.store.put(self.kind, self._apply(dict(record), values))

    def delete(self, record, force, ctx):
        before = self.render(record, ctx)
        self.store.delete(self.kind, record["id"])
        return before
