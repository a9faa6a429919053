"""Products: prices kept as the strings sent, SKUs unique, trash first."""

from typing import ClassVar

from .. import formats
from ..errors import ApiError
from ..params import to_int, validate_body
from ..store import DEFAULT_CATEGORY_ID
from .base import PostResource, _dated, _equals

PRODUCT_STATUSES = ("draft", "pending", "private", "publish", "future")


def _price_bound(limit, minimum):
    def check(record):
        price = formats.to_decimal(ProductResource.price(record))
        return price >= limit if minimum else price <= limit

    return check


class ProductResource(PostResource):
    kind = "product"
    path = "products"
    singular = "product"
    topic = "product"
    invalid_id_code = "woocommerce_rest_product_invalid_id"
    exists_code = "woocommerce_rest_product_exists"
    exists_message = "Cannot create existing product."
    already_trashed_message = "The product has already been deleted."
    orderby_keys: ClassVar[dict] = {
        "date": lambda record: record["date_created"],
        "id": lambda record: record["id"],
        "title": lambda record: record["name"].lower(),
        "slug": lambda record: record["slug"],
        "modified": lambda record: record["date_modified"],
        "menu_order": lambda record: record.get("menu_order", 0),
        "price": lambda record: formats.to_decimal(ProductResource.price(record)),
        "popularity": lambda record: record.get("total_sales", 0),
        "rating": lambda record: 0,
    }
    schema: ClassVar[dict] = {
        "name": "string",
        "slug": "string",
        "type": ("simple", "grouped", "external", "variable"),
        "status": PRODUCT_STATUSES,
        "featured": "boolean",
        "catalog_visibility": ("visible", "catalog", "search", "hidden"),
        "description": "string",
        "short_description": "string",
        "sku": "string",
        "regular_price": "string",
        "sale_price": "string",
        "manage_stock": "boolean",
        "stock_quantity": "integer|null",
        "stock_status": ("instock", "outofstock", "onbackorder"),
        "categories": "array",
        "menu_order": "integer",
        "parent_id": "integer",
        "meta_data": "array",
    }

    @staticmethod
    def price(record):
        return record.get("sale_price") or record.get("regular_price", "")

    def filters(self, params):
        predicates = super().filters(params)
        statuses = params.enum("status", ("any", "trash") + PRODUCT_STATUSES, "any")
        predicates.append(self._status_filter([statuses]))
        for name in ("type", "slug", "stock_status"):
            value = params.string(name)
            if value is not None:
                predicates.append(_equals(name, value))
        if params.has("sku"):
            skus = [
                sku.strip() for sku in params.string("sku").split(",") if sku.strip()
            ]
            predicates.append(lambda record: record.get("sku") in skus)
        category = params.integer("category")
        if category is not None:
            predicates.append(lambda record: category in record.get("category_ids", []))
        if params.has("featured"):
            featured = params.boolean("featured")
            predicates.append(lambda record: bool(record.get("featured")) == featured)
        if params.has("on_sale"):
            on_sale = params.boolean("on_sale")
            predicates.append(lambda record: self.on_sale(record) == on_sale)
        for name, above in (("min_price", True), ("max_price", False)):
            value = params.string(name)
            if value:
                predicates.append(_price_bound(formats.to_decimal(value), above))
        return predicates

    @staticmethod
    def on_sale(record):
        sale, regular = record.get("sale_price", ""), record.get("regular_price", "")
        return sale != "" and (
            regular == "" or formats.to_decimal(sale) < formats.to_decimal(regular)
        )

    def search_text(self, record):
        return " ".join(
            (
                record["name"],
                record.get("short_description", ""),
                record.get("description", ""),
            )
        )

    def render(self, record, ctx):
        categories = [
            self.store.get("category", cat_id)
            for cat_id in record.get("category_ids", [])
        ]
        description, short = (
            record.get("description", ""),
            record.get("short_description", ""),
        )
        if not ctx.edit:
            description, short = formats.wpautop(description), formats.wpautop(short)
        out = {
            "id": record["id"],
            "name": record["name"],
            "slug": record["slug"],
            "permalink": f"{self.api.site_url}/product/{record['slug']}/",
        }
        _dated(record, out)
        out.update(
            {
                "type": record.get("type", "simple"),
                "status": record["status"],
                "featured": bool(record.get("featured")),
                "catalog_visibility": record.get("catalog_visibility", "visible"),
                "description": description,
                "short_description": short,
                "sku": record.get("sku", ""),
                "price": self.price(record),
                "regular_price": record.get("regular_price", ""),
                "sale_price": record.get("sale_price", ""),
                "on_sale": self.on_sale(record),
                "purchasable": self.price(record) != "",
                "total_sales": record.get("total_sales", 0),
                "manage_stock": bool(record.get("manage_stock")),
                "stock_quantity": record.get("stock_quantity")
                if record.get("manage_stock")
                else None,
                "stock_status": record.get("stock_status", "instock"),
                "categories": [
                    {"id": cat["id"], "name": cat["name"], "slug": cat["slug"]}
                    for cat in categories
                    if cat
                ],
                "parent_id": record.get("parent_id", 0),
                "menu_order": record.get("menu_order", 0),
                "date_on_sale_from": None,
                "date_on_sale_from_gmt": None,
                "date_on_sale_to": None,
                "date_on_sale_to_gmt": None,
                "price_html": self._price_html(record),
                "virtual": False,
                "downloadable": False,
                "downloads": [],
                "download_limit": -1,
                "download_expiry": -1,
                "external_url": "",
                "button_text": "",
                "tax_status": "taxable",
                "tax_class": record.get("tax_class", ""),
                "backorders": "no",
                "backorders_allowed": False,
                "backordered": False,
                "sold_individually": False,
                "weight": record.get("weight", ""),
                "dimensions": {"length": "", "width": "", "height": ""},
                "shipping_required": True,
                "shipping_taxable": True,
                "shipping_class": "",
                "shipping_class_id": 0,
                "reviews_allowed": True,
                "average_rating": "0.00",
                "rating_count": 0,
                "related_ids": [],
                "upsell_ids": [],
                "cross_sell_ids": [],
                "purchase_note": "",
                "tags": [],
                "images": [],
                "attributes": record.get("attributes", []),
                "default_attributes": [],
                "grouped_products": [],
                "variations": [
                    variation["id"]
                    for variation in self.store.all("variation")
                    if variation["parent_id"] == record["id"]
                ],
                "meta_data": record.get("meta_data", []),
                "_links": self.links(record),
            }
        )
        return out

    def variation_as_product(self, record_id, ctx):
        """A variation read as ``GET /products/<variation id>``, or None.

        A WooCommerce store serves a variation's id on the products endpoint
        too (products and variations share one id space): the variation's own
        properties plus ``type: "variation"``, its ``parent_id`` and a name made
        of the parent's name and the variation's options.
        """
        if self.kind != "product":
            return None
        variation = self.store.get("variation", record_id)
        parent = variation and self.store.get("product", variation["parent_id"])
        if parent is None:
            return None
        rendered = self.api.resources["products/variations"].for_parent(parent["id"])
        out = rendered.render(variation, ctx)
        options = [
            entry.get("option", "")
            for entry in variation.get("attributes", [])
            if entry.get("option")
        ]
        out.update(
            name=" - ".join([parent["name"], ", ".join(options)])
            if options
            else parent["name"],
            type="variation",
            parent_id=parent["id"],
        )
        return out

    def _price_html(self, record):
        price = self.price(record)
        if price == "":
            return ""
        amount = f"{formats.to_decimal(price):.2f}"
        return (
            '<span class="woocommerce-Price-amount amount"><bdi>'
            f'<span class="woocommerce-Price-currencySymbol">&euro;</span>{amount}'
            "</bdi></span>"
        )

    def _check_sku(self, sku, own_id=None):
        if not sku:
            return
        for other in self.store.all(self.kind):
            if (
                other["id"] != own_id
                and other.get("sku") == sku
                and other["status"] != "trash"
            ):
                raise ApiError(
                    400,
                    "product_invalid_sku",
                    "Invalid or duplicated SKU.",
                    resource_id=other["id"],
                )

    def _unique_slug(self, wanted, own_id=None):
        base = formats.sanitize_title(wanted) or "product"
        taken = {
            rec["slug"] for rec in self.store.all(self.kind) if rec["id"] != own_id
        }
        candidate, suffix = base, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate

    def _category_ids(self, categories):
        ids = []
        for entry in categories:
            cat_id = (
                to_int(entry.get("id")) if isinstance(entry, dict) else to_int(entry)
            )
            if cat_id and self.store.get("category", cat_id) and cat_id not in ids:
                ids.append(cat_id)
        return ids or [DEFAULT_CATEGORY_ID]

    def _apply(self, record, values):
        for field in ("regular_price", "sale_price"):
            if field in values:
                value = values[field].strip()
                values[field] = (
                    value if value == "" or formats.is_decimal(value) else ""
                )
        for field in (
            "name",
            "type",
            "status",
            "featured",
            "catalog_visibility",
            "description",
            "short_description",
            "regular_price",
            "sale_price",
            "manage_stock",
            "stock_quantity",
            "stock_status",
            "menu_order",
            "parent_id",
        ):
            if field in values:
                record[field] = values[field]
        if "sku" in values:
            record["sku"] = values["sku"].strip()
        if "categories" in values:
            record["category_ids"] = self._category_ids(values["categories"])
        if "meta_data" in values:
            record["meta_data"] = formats.apply_meta(
                self.store, record.get("meta_data", []), values["meta_data"]
            )
        if (
            record.get("manage_stock")
            and record.get("stock_quantity") is not None
            and "stock_status" not in values
            and record.get("stock_status") != "onbackorder"
        ):
            in_stock = record["stock_quantity"] > 0
            record["stock_status"] = "instock" if in_stock else "outofstock"
        return record

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        self._check_sku((values.get("sku") or "").strip())
        now = self.store.now()
        record = {
            "id": 0,
            "name": "",
            "type": "simple",
            "status": "publish",
            "sku": "",
            "regular_price": "",
            "sale_price": "",
            "manage_stock": False,
            "stock_quantity": None,
            "stock_status": "instock",
            "category_ids": [DEFAULT_CATEGORY_ID],
            "total_sales": 0,
            "meta_data": [],
            "date_created": now,
            "date_modified": now,
        }
        self._apply(record, values)
        record["slug"] = self._unique_slug(values.get("slug") or record["name"])
        record["id"] = self.store.next_id("post")
        ctx.emit("product", "created", record["id"])
        return self.store.put(self.kind, record)

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        if "sku" in values:
            self._check_sku(values["sku"].strip(), own_id=record["id"])
        record = self._apply(dict(record), values)
        if "slug" in values:
            record["slug"] = self._unique_slug(
                values["slug"] or record["name"], own_id=record["id"]
            )
        record["date_modified"] = self.store.now()
        ctx.emit("product", "updated", record["id"])
        return self.store.put(self.kind, record)
