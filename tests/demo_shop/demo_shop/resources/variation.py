"""Variations of a variable product (``/products/<id>/variations``)."""

from typing import ClassVar

from .. import formats
from ..errors import ApiError
from ..params import validate_body
from .product import ProductResource


class VariationResource(ProductResource):
    """Variations live under their parent product; ids come from the posts' sequence.

    :meth:`for_parent` gives the resource bound to one parent product (the API holds
    the store's lock for the whole request).
    """

    kind = "variation"
    singular = "product_variation"
    invalid_id_code = "woocommerce_rest_product_variation_invalid_id"
    exists_code = "woocommerce_rest_product_variation_exists"
    schema: ClassVar[dict] = {
        "description": "string",
        "sku": "string",
        "regular_price": "string",
        "sale_price": "string",
        "status": ("draft", "pending", "private", "publish"),
        "manage_stock": "boolean",
        "stock_quantity": "integer|null",
        "stock_status": ("instock", "outofstock", "onbackorder"),
        "tax_class": "string",
        "weight": "string",
        "menu_order": "integer",
        "attributes": "array",
        "meta_data": "array",
    }
    parent_id = 0

    def for_parent(self, parent_id):
        bound = VariationResource(self.api)
        bound.parent_id = parent_id
        return bound

    @property
    def path(self):
        return f"products/{self.parent_id}/variations"

    def get(self, record_id):
        record = self.store.get(self.kind, record_id)
        if record is None or record["parent_id"] != self.parent_id:
            return None
        return record

    def filters(self, params):
        predicates = super().filters(params)
        return predicates + [lambda record: record["parent_id"] == self.parent_id]

    def render(self, record, ctx):
        parent = self.store.get("product", record["parent_id"]) or {}
        out = {
            "id": record["id"],
            "date_created": record["date_created"],
            "date_created_gmt": record["date_created"],
            "date_modified": record["date_modified"],
            "date_modified_gmt": record["date_modified"],
            "description": record.get("description", ""),
            "permalink": f"{self.api.site_url}/product/{parent.get('slug', '')}/"
            f"?variation_id={record['id']}",
            "sku": record.get("sku", ""),
            "price": self.price(record),
            "regular_price": record.get("regular_price", ""),
            "sale_price": record.get("sale_price", ""),
            "date_on_sale_from": None,
            "date_on_sale_from_gmt": None,
            "date_on_sale_to": None,
            "date_on_sale_to_gmt": None,
            "on_sale": self.on_sale(record),
            "status": record["status"],
            "purchasable": self.price(record) != "",
            "virtual": False,
            "downloadable": False,
            "downloads": [],
            "download_limit": -1,
            "download_expiry": -1,
            "tax_status": "taxable",
            "tax_class": record.get("tax_class", ""),
            "manage_stock": bool(record.get("manage_stock")),
            "stock_quantity": record.get("stock_quantity")
            if record.get("manage_stock")
            else None,
            "stock_status": record.get("stock_status", "instock"),
            "backorders": "no",
            "backorders_allowed": False,
            "backordered": False,
            "weight": record.get("weight", ""),
            "dimensions": {"length": "", "width": "", "height": ""},
            "shipping_class": "",
            "shipping_class_id": 0,
            "image": None,
            "attributes": record.get("attributes", []),
            "menu_order": record.get("menu_order", 0),
            "meta_data": record.get("meta_data", []),
            "_links": {
                "self": [{"href": self.href(record["id"])}],
                "collection": [{"href": self.href()}],
                "up": [{"href": f"{self.api.rest_url}/products/{record['parent_id']}"}],
            },
        }
        return out

    def _attributes(self, entries):
        result = []
        for entry in entries:
            if (
                not isinstance(entry, dict)
                or not entry.get("name")
                and not entry.get("id")
            ):
                raise ApiError(
                    400,
                    "woocommerce_rest_invalid_attribute",
                    "Each attribute needs a name (or an id) and an option.",
                )
            result.append(
                {
                    "id": int(entry.get("id") or 0),
                    "name": str(entry.get("name") or ""),
                    "option": str(entry.get("option") or ""),
                }
            )
        return result

    def _apply_variation(self, record, values):
        for field in ("regular_price", "sale_price"):
            if field in values:
                value = values[field].strip()
                values[field] = (
                    value if value == "" or formats.is_decimal(value) else ""
                )
        for field in self.schema:
            if field in values and field not in ("attributes", "meta_data", "sku"):
                record[field] = values[field]
        if "sku" in values:
            record["sku"] = values["sku"].strip()
        if "attributes" in values:
            record["attributes"] = self._attributes(values["attributes"])
        if "meta_data" in values:
            record["meta_data"] = formats.apply_meta(
                self.store, record.get("meta_data", []), values["meta_data"]
            )
        return record

    def _touch_parent(self, ctx):
        parent = self.store.get("product", self.parent_id)
        if parent is not None:
            self.store.put("product", dict(parent, date_modified=self.store.now()))
            ctx.emit("product", "updated", parent["id"])

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        self._check_sku((values.get("sku") or "").strip())
        now = self.store.now()
        record = {
            "id": 0,
            "parent_id": self.parent_id,
            "status": "publish",
            "sku": "",
            "regular_price": "",
            "sale_price": "",
            "manage_stock": False,
            "stock_quantity": None,
            "stock_status": "instock",
            "tax_class": "",
            "attributes": [],
            "meta_data": [],
            "date_created": now,
            "date_modified": now,
        }
        self._apply_variation(record, values)
        record["id"] = self.store.next_id("post")
        self._touch_parent(ctx)
        return self.store.put(self.kind, record)

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        if "sku" in values:
            self._check_sku(values["sku"].strip(), own_id=record["id"])
        record = self._apply_variation(dict(record), values)
        record["date_modified"] = self.store.now()
        self._touch_parent(ctx)
        return self.store.put(self.kind, record)

    def delete(self, record, force, ctx):
        before = self.render(record, ctx)
        self.store.delete(self.kind, record["id"])
        self._touch_parent(ctx)
        return before
