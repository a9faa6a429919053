"""Product categories: terms without dates; the default one stays."""

from typing import ClassVar

from .. import formats
from ..errors import ApiError, missing_params
from ..params import validate_body
from ..store import DEFAULT_CATEGORY_ID
from .base import Resource


class CategoryResource(Resource):
    kind = "category"
    path = "products/categories"
    singular = "product_cat"
    invalid_id_code = "woocommerce_rest_term_invalid"
    invalid_id_message = "Resource does not exist."
    update_missing_status = 404
    exists_code = "woocommerce_rest_product_cat_exists"
    default_orderby = "name"
    orderby_keys: ClassVar[dict] = {
        "id": lambda record: record["id"],
        "name": lambda record: record["name"].lower(),
        "slug": lambda record: record["slug"],
        "term_group": lambda record: 0,
        "description": lambda record: record.get("description", ""),
        "count": None,  # computed: see sort_key()
    }
    schema: ClassVar[dict] = {
        "name": "string",
        "slug": "string",
        "parent": "integer",
        "description": "string",
        "display": ("default", "products", "subcategories", "both"),
        "image": "object|null",
        "menu_order": "integer",
    }

    def count(self, record):
        return sum(
            1
            for product in self.store.all("product")
            if product["status"] == "publish"
            and record["id"] in product.get("category_ids", [])
        )

    def sort_key(self, orderby):
        return self.count if orderby == "count" else super().sort_key(orderby)

    def filters(self, params):
        predicates = []
        parent = params.integer("parent")
        if parent is not None:
            predicates.append(lambda record: record.get("parent", 0) == parent)
        product = params.integer("product")
        if product is not None:
            product_record = self.store.get("product", product) or {}
            ids = product_record.get("category_ids", [])
            predicates.append(lambda record: record["id"] in ids)
        slug = params.string("slug")
        if slug is not None:
            predicates.append(lambda record: record["slug"] == slug)
        if params.boolean("hide_empty", False):
            predicates.append(lambda record: self.count(record) > 0)
        return predicates

    def search_text(self, record):
        return record["name"] + " " + record["slug"]

    def links(self, record):
        links = super().links(record)
        if record.get("parent"):
            links["up"] = [{"href": self.href(record["parent"])}]
        return links

    def render(self, record, ctx):
        return {
            "id": record["id"],
            "name": record["name"],
            "slug": record["slug"],
            "parent": record.get("parent", 0),
            "description": record.get("description", ""),
            "display": record.get("display", "default"),
            "image": record.get("image"),
            "menu_order": record.get("menu_order", 0),
            "count": self.count(record),
            "_links": self.links(record),
        }

    def _clash(self, name, slug, parent, own_id=None):
        for other in self.store.all(self.kind):
            if other["id"] == own_id:
                continue
            same_name = (
                other["name"].lower() == name.lower()
                and other.get("parent", 0) == parent
            )
            if same_name or other["slug"] == slug:
                raise ApiError(
                    400,
                    "term_exists",
                    "A term with the name provided already exists with this parent.",
                    resource_id=other["id"],
                )

    def _check_parent(self, parent):
        if parent and self.get(parent) is None:
            raise ApiError(400, "missing_parent", "Parent term does not exist.")

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        if not values.get("name"):
            raise missing_params(["name"])
        parent = values.get("parent", 0) or 0
        self._check_parent(parent)
        slug = formats.sanitize_title(values.get("slug") or values["name"])
        self._clash(values["name"], slug, parent)
        record = {
            "id": self.store.next_id("term"),
            "name": values["name"],
            "slug": slug,
            "parent": parent,
            "description": values.get("description", ""),
            "display": values.get("display", "default"),
            "image": values.get("image"),
            "menu_order": values.get("menu_order", 0),
        }
        return self.store.put(self.kind, record)

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        record = dict(record)
        record.update(
            {
                key: value
                for key, value in values.items()
                if key not in ("slug", "parent")
            }
        )
        if "parent" in values:
            if values["parent"] == record["id"]:
                raise ApiError(400, "missing_parent", "Parent term does not exist.")
            self._check_parent(values["parent"])
            record["parent"] = values["parent"] or 0
        if "slug" in values:
            record["slug"] = formats.sanitize_title(values["slug"] or record["name"])
        self._clash(
            record["name"], record["slug"], record["parent"], own_id=record["id"]
        )
        return self.store.put(self.kind, record)

    def delete(self, record, force, ctx):
        if not force:
            raise ApiError(
                501,
                "woocommerce_rest_trash_not_supported",
                "Resource does not support trashing.",
            )
        if record["id"] == DEFAULT_CATEGORY_ID:
            raise ApiError(
                500, "woocommerce_rest_cannot_delete", "The resource cannot be deleted."
            )
        before = self.render(record, ctx)
        self.store.delete(self.kind, record["id"])
        for child in self.store.all(self.kind):
            if child.get("parent") == record["id"]:
                self.store.put(self.kind, dict(child, parent=record.get("parent", 0)))
        for product in self.store.all("product"):
            if record["id"] in product.get("category_ids", []):
                ids = [
                    cat for cat in product["category_ids"] if cat != record["id"]
                ] or [DEFAULT_CATEGORY_ID]
                self.store.put("product", dict(product, category_ids=ids))
        return before
