"""Orders: lines, shipping, fees, coupons, taxes, totals, paid and completed dates."""

import re
import secrets
import string
from typing import ClassVar

from .. import formats, taxes
from ..errors import ApiError, invalid_params
from ..params import to_int, validate_body
from .base import (
    BILLING_FIELDS,
    SHIPPING_FIELDS,
    PostResource,
    _address,
    _check_address,
    _dated,
)
from .product import ProductResource

ORDER_STATUSES = (
    "pending",
    "processing",
    "on-hold",
    "completed",
    "cancelled",
    "refunded",
    "failed",
    "checkout-draft",
    "auto-draft",
)
# Orders in these statuses (and auto-draft products) fire no webhook, as in WooCommerce.
SILENT_ORDER_STATUSES = ("draft", "auto-draft", "new")


class OrderResource(PostResource):
    kind = "order"
    path = "orders"
    singular = "shop_order"
    topic = "order"
    invalid_id_code = "woocommerce_rest_shop_order_invalid_id"
    exists_code = "woocommerce_rest_shop_order_exists"
    exists_message = "Cannot create existing order."
    already_trashed_message = "The order has already been deleted."
    orderby_keys: ClassVar[dict] = {
        "date": lambda record: record["date_created"],
        "id": lambda record: record["id"],
        "title": lambda record: record["id"],
        "slug": lambda record: record["id"],
        "modified": lambda record: record["date_modified"],
    }
    schema: ClassVar[dict] = {
        "parent_id": "integer",
        "status": ORDER_STATUSES,
        "currency": "string",
        "customer_id": "integer",
        "customer_note": "string",
        "billing": "object",
        "shipping": "object",
        "payment_method": "string",
        "payment_method_title": "string",
        "transaction_id": "string",
        "line_items": "array",
        "shipping_lines": "array",
        "fee_lines": "array",
        "coupon_lines": "array",
        "meta_data": "array",
        "set_paid": "boolean",
    }

    # Set by create(prices_include_tax=True) for the request (the store lock is held).
    inclusive_prices = False

    def filters(self, params):
        predicates = super().filters(params)
        statuses = params.enum_list(
            "status", ("any", "trash") + ORDER_STATUSES, ["any"]
        )
        predicates.append(self._status_filter(statuses))
        customer = params.integer("customer")
        if customer is not None:
            predicates.append(lambda record: record.get("customer_id", 0) == customer)
        product = params.integer("product")
        if product is not None:
            predicates.append(
                lambda record: any(
                    line["product_id"] == product for line in record["line_items"]
                )
            )
        return predicates

    def search_text(self, record):
        values = list(record.get("billing", {}).values()) + list(
            record.get("shipping", {}).values()
        )
        return " ".join(str(value) for value in values if value)

    @staticmethod
    def totals(record):
        """The order's amounts as Decimals (see :mod:`..taxes`)."""
        return taxes.order_totals(record)

    def order_amounts(self, record):
        return self.totals(record)

    def links(self, record):
        links = super().links(record)
        if record.get("customer_id"):
            links["customer"] = [
                {"href": f"{self.api.rest_url}/customers/{record['customer_id']}"}
            ]
        return links

    def _line_product(self, line):
        """The variation or product a line sells, None when it is gone."""
        if line.get("variation_id"):
            return self.store.get("variation", line["variation_id"])
        return self.store.get("product", line["product_id"] or 0)

    def _render_line(self, line, dp):
        product = self._line_product(line)
        total = formats.to_decimal(line["total"])
        quantity = line["quantity"]
        return {
            "id": line["id"],
            "name": line["name"],
            "product_id": line["product_id"],
            "variation_id": line.get("variation_id", 0),
            "quantity": quantity,
            "tax_class": line.get("tax_class", ""),
            "subtotal": formats.money(line["subtotal"], dp),
            "subtotal_tax": formats.money(taxes.line_tax(line, "subtotal"), dp),
            "total": formats.money(total, dp),
            "total_tax": formats.money(taxes.line_tax(line), dp),
            "taxes": [
                {
                    "id": tax["id"],
                    "total": formats.money(tax["total"], dp),
                    "subtotal": formats.money(tax["subtotal"], dp),
                }
                for tax in line.get("taxes", [])
            ],
            "meta_data": line.get("meta_data", []),
            "sku": product.get("sku", "") if product else None,
            "price": formats.number(total / quantity) if quantity else 0,
            "image": {"id": "", "src": ""},
            "parent_name": None,
        }

    def render(self, record, ctx):
        dp = ctx.dp
        totals = self.totals(record)
        out = {
            "id": record["id"],
            "parent_id": record.get("parent_id", 0),
            "status": record["status"],
            "currency": record.get("currency", "EUR"),
            "version": "9.0.0",
            "prices_include_tax": bool(record.get("prices_include_tax")),
        }
        _dated(record, out)
        out.update(
            {
                "discount_total": formats.money(totals["discount_total"], dp),
                "discount_tax": formats.money(totals["discount_tax"], dp),
                "shipping_total": formats.money(totals["shipping_total"], dp),
                "shipping_tax": formats.money(totals["shipping_tax"], dp),
                "cart_tax": formats.money(totals["cart_tax"], dp),
                "total": formats.money(totals["total"], dp),
                "total_tax": formats.money(totals["total_tax"], dp),
                "customer_id": record.get("customer_id", 0),
                "order_key": record["order_key"],
                "billing": _address(record.get("billing"), {}, BILLING_FIELDS),
                "shipping": _address(record.get("shipping"), {}, SHIPPING_FIELDS),
                "payment_method": record.get("payment_method", ""),
                "payment_method_title": record.get("payment_method_title", ""),
                "transaction_id": record.get("transaction_id", ""),
                "customer_ip_address": "",
                "customer_user_agent": "",
                "created_via": record.get("created_via", "rest-api"),
                "customer_note": record.get("customer_note", ""),
                "date_completed": record.get("date_completed"),
                "date_completed_gmt": record.get("date_completed"),
                "date_paid": record.get("date_paid"),
                "date_paid_gmt": record.get("date_paid"),
                "cart_hash": "",
                "number": str(record["id"]),
                "meta_data": record.get("meta_data", []),
                "line_items": [
                    self._render_line(line, dp) for line in record["line_items"]
                ],
                "tax_lines": self._render_tax_lines(record, dp),
                "shipping_lines": [
                    self._render_shipping(line, dp)
                    for line in record.get("shipping_lines", [])
                ],
                "fee_lines": [
                    self._render_fee(line, dp) for line in record.get("fee_lines", [])
                ],
                "coupon_lines": [
                    self._render_coupon(line, record, dp)
                    for line in record.get("coupon_lines", [])
                ],
                "refunds": self._render_refunds(record, dp),
                "_links": self.links(record),
            }
        )
        return out

    @staticmethod
    def _render_taxes(line, dp):
        return [
            {"id": tax["id"], "total": formats.money(tax["total"], dp), "subtotal": ""}
            for tax in line.get("taxes", [])
        ]

    def _render_shipping(self, line, dp):
        return {
            "id": line["id"],
            "method_title": line.get("method_title", ""),
            "method_id": line.get("method_id", ""),
            "instance_id": line.get("instance_id", ""),
            "total": formats.money(line["total"], dp),
            "total_tax": formats.money(taxes.line_tax(line), dp),
            "taxes": self._render_taxes(line, dp),
            "meta_data": line.get("meta_data", []),
        }

    def _render_fee(self, line, dp):
        return {
            "id": line["id"],
            "name": line["name"],
            "tax_class": line.get("tax_class", ""),
            "tax_status": line.get("tax_status", "taxable"),
            "total": formats.money(line["total"], dp),
            "total_tax": formats.money(taxes.line_tax(line), dp),
            "taxes": self._render_taxes(line, dp),
            "meta_data": line.get("meta_data", []),
        }

    def _render_coupon(self, line, record, dp):
        totals = self.totals(record)
        return {
            "id": line["id"],
            "code": line["code"],
            "discount": formats.money(totals["discount_total"], dp),
            "discount_tax": formats.money(totals["discount_tax"], dp),
            "meta_data": line.get("meta_data", []),
        }

    def _render_tax_lines(self, record, dp):
        ids = record.get("tax_line_ids", {})
        return [
            dict(
                entry,
                id=ids.get(str(entry["rate_id"]), 0),
                tax_total=formats.money(entry["tax_total"], dp),
                shipping_tax_total=formats.money(entry["shipping_tax_total"], dp),
                meta_data=[],
            )
            for entry in taxes.tax_lines(record, self.store)
        ]

    def _render_refunds(self, record, dp):
        return [
            {
                "id": refund["id"],
                "reason": refund.get("reason", ""),
                "total": formats.money(-formats.to_decimal(refund["amount"]), dp),
            }
            for refund in reversed(self.store.all("refund"))
            if refund["order_id"] == record["id"]
        ]

    # -- writes ------------------------------------------------------------------------
    def _product_for(self, item):
        product_id = to_int(item.get("product_id")) or 0
        variation_id = to_int(item.get("variation_id")) or 0
        if variation_id:
            variation = self.store.get("variation", variation_id)
            if variation is None or product_id not in (0, variation["parent_id"]):
                raise ApiError(
                    400,
                    "woocommerce_rest_invalid_variation_id",
                    "Invalid variation ID.",
                )
            return variation
        if product_id:
            product = self.store.get("product", product_id)
            if product is None:
                raise ApiError(
                    400, "woocommerce_rest_invalid_product_id", "Invalid product ID."
                )
            return product
        sku = item.get("sku")
        if sku:
            product = next(
                (
                    p
                    for p in self.store.all("product")
                    if p.get("sku") == sku and p["status"] != "trash"
                ),
                None,
            )
            if product is None:
                raise ApiError(
                    400, "woocommerce_rest_invalid_product_id", "Invalid product SKU."
                )
            return product
        raise ApiError(
            400,
            "woocommerce_rest_required_product_reference",
            "Product ID or SKU is required.",
        )

    @staticmethod
    def _amount(item, field, index):
        value = item.get(field)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not formats.is_decimal(value):
            raise invalid_params(
                {"line_items": f"line_items[{index}][{field}] is not of type string."},
                {"line_items": "rest_invalid_type"},
            )
        return str(formats.to_decimal(value))

    def _line_values(self, item, line, index):
        """Apply one ``line_items`` entry to ``line`` (new when it has no id yet)."""
        if not isinstance(item, dict):
            raise invalid_params(
                {"line_items": f"line_items[{index}] is not of type object."}
            )
        product_changed = line["product_id"] is None or any(
            key in item for key in ("product_id", "variation_id", "sku")
        )
        product = (
            self._product_for(item) if product_changed else self._line_product(line)
        )
        if product_changed and product.get("parent_id") and "attributes" in product:
            parent = self.store.get("product", product["parent_id"]) or {}
            options = ", ".join(a["option"] for a in product["attributes"])
            line["product_id"] = parent.get("id", product["parent_id"])
            line["variation_id"] = product["id"]
            line["name"] = f"{parent.get('name', '')} - {options}"
            line["tax_class"] = product.get("tax_class", "")
        elif product_changed:
            line["product_id"] = product["id"]
            line["variation_id"] = 0
            line["name"] = product["name"]
            line["tax_class"] = product.get("tax_class", "")
        if isinstance(item.get("tax_class"), str):
            line["tax_class"] = item["tax_class"]
        if "quantity" in item:
            quantity = to_int(item["quantity"])
            if quantity is None or quantity < 0:
                message = f"line_items[{index}][quantity] is not of type integer."
                raise invalid_params({"line_items": message})
            line["quantity"] = quantity
        if isinstance(item.get("name"), str) and item["name"]:
            line["name"] = item["name"]
        total, subtotal = (
            self._amount(item, "total", index),
            self._amount(item, "subtotal", index),
        )
        if (
            total is None
            and subtotal is None
            and (product_changed or "quantity" in item)
        ):
            if product is not None:
                unit = formats.to_decimal(ProductResource.price(product))
            else:  # the product is gone: keep the unit price the line had
                unit = formats.to_decimal(line["total"]) / (
                    line.get("quantity_before") or 1
                )
            total = subtotal = str(unit * line["quantity"])
            if self.inclusive_prices:  # the shelf price includes the tax
                line["gross_subtotal"] = subtotal
        if line["id"] is None:  # a new line gets the missing amount from the other one
            subtotal = subtotal if subtotal is not None else total
            total = total if total is not None else subtotal
        if subtotal is not None:
            line["subtotal"] = subtotal
        if total is not None:
            line["total"] = total
        if "meta_data" in item:
            line["meta_data"] = formats.apply_meta(
                self.store, line.get("meta_data", []), item["meta_data"]
            )
        return line

    def _apply_line_items(self, lines, items):
        lines = [dict(line) for line in lines]
        for index, item in enumerate(items):
            item_id = to_int(item.get("id")) if isinstance(item, dict) else None
            if item_id:
                line = next((line for line in lines if line["id"] == item_id), None)
                if line is None:
                    raise ApiError(
                        400,
                        "woocommerce_rest_invalid_item_id",
                        "Order item ID provided is not associated with order.",
                    )
                if to_int(item.get("quantity")) == 0 or (
                    "product_id" in item and item["product_id"] is None
                ):
                    lines.remove(line)
                    continue
                line["quantity_before"] = line["quantity"]
                self._line_values(item, line, index).pop("quantity_before", None)
            else:
                line = {
                    "id": None,
                    "product_id": None,
                    "variation_id": 0,
                    "quantity": 1,
                    "name": "",
                }
                line.update(subtotal="0", total="0", meta_data=[])
                lines.append(self._line_values(item, line, index))
        for line in lines:
            if line["id"] is None:
                line["id"] = self.store.next_id("order_item")
        return lines

    def _apply_shipping_lines(self, lines, items):
        lines = [dict(line) for line in lines]
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                message = f"shipping_lines[{index}] is not of type object."
                raise invalid_params({"shipping_lines": message})
            item_id = to_int(item.get("id"))
            if item_id:
                line = next((line for line in lines if line["id"] == item_id), None)
                if line is None:
                    raise ApiError(
                        400,
                        "woocommerce_rest_invalid_item_id",
                        "Order item ID provided is not associated with order.",
                    )
                if "method_id" in item and item["method_id"] is None:
                    lines.remove(line)
                    continue
            else:
                if not item.get("method_id"):
                    raise ApiError(
                        400,
                        "woocommerce_rest_invalid_shipping_item",
                        "Shipping method ID is required.",
                    )
                line = {
                    "id": None,
                    "method_id": "",
                    "method_title": "",
                    "instance_id": "",
                    "total": "0",
                }
                line["meta_data"] = []
                lines.append(line)
            for field in ("method_id", "method_title", "instance_id"):
                if field in item:
                    line[field] = str(item[field])
            if "total" in item:
                line["total"] = self._amount(item, "total", index) or "0"
        for line in lines:
            if line["id"] is None:
                line["id"] = self.store.next_id("order_item")
        return lines

    def _coupon(self, code):
        return next(
            (c for c in self.store.all("coupon") if c["code"] == code.lower()), None
        )

    def _compute(self, record):
        """Taxes, coupon discounts and tax line ids of ``record``'s lines."""
        lines = record.get("coupon_lines", [])
        coupon = self._coupon(lines[0]["code"]) if lines else None
        taxes.compute_lines(record, self.store, coupon)
        ids = dict(record.get("tax_line_ids", {}))
        for entry in taxes.tax_lines(record, self.store):
            key = str(entry["rate_id"])
            if key not in ids:
                ids[key] = self.store.next_id("order_item")
        record["tax_line_ids"] = ids

    def _apply_fee_lines(self, lines, items):
        lines = [dict(line) for line in lines]
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise invalid_params(
                    {"fee_lines": f"fee_lines[{index}] is not of type object."}
                )
            item_id = to_int(item.get("id"))
            line = next((line for line in lines if line["id"] == item_id), None)
            if item_id and line is None:
                raise ApiError(
                    400,
                    "woocommerce_rest_invalid_item_id",
                    "Order item ID provided is not associated with order.",
                )
            if line is None:
                line = {"id": None, "name": "", "tax_class": "", "total": "0"}
                line.update(tax_status="taxable", meta_data=[])
                lines.append(line)
            if "name" in item and item["name"] is None:
                lines.remove(line)
                continue
            for field in ("name", "tax_class"):
                if field in item:
                    line[field] = str(item[field])
            if item.get("tax_status") in ("taxable", "none"):
                line["tax_status"] = item["tax_status"]
            if "total" in item:
                line["total"] = self._amount(item, "total", index) or "0"
        for line in lines:
            if line["id"] is None:
                line["id"] = self.store.next_id("order_item")
        return lines

    def _apply_coupon_lines(self, items):
        lines = []
        for item in items:
            code = str(item.get("code") or "") if isinstance(item, dict) else ""
            if not code or self._coupon(code) is None:
                raise ApiError(
                    400,
                    "woocommerce_rest_invalid_coupon",
                    f'Coupon "{code}" does not exist!',
                )
            if lines:
                raise ApiError(
                    400,
                    "demo_shop_one_coupon",
                    "The demo shop applies at most one coupon per order.",
                )
            lines.append({"id": self.store.next_id("order_item"), "code": code.lower()})
        return lines

    def _apply(self, record, values):
        customer_id = values.get("customer_id")
        if customer_id and self.store.get("customer", customer_id) is None:
            raise ApiError(
                400, "woocommerce_rest_invalid_customer_id", "Customer ID is invalid."
            )
        if "currency" in values and not re.fullmatch(r"[A-Z]{3}", values["currency"]):
            raise invalid_params(
                {"currency": "currency is not a valid ISO 4217 code."},
                {"currency": "rest_not_in_enum"},
            )
        _check_address(values, "billing")
        _check_address(values, "shipping")
        if "line_items" in values:
            record["line_items"] = self._apply_line_items(
                record["line_items"], values["line_items"]
            )
        if "shipping_lines" in values:
            record["shipping_lines"] = self._apply_shipping_lines(
                record["shipping_lines"], values["shipping_lines"]
            )
        if "fee_lines" in values:
            record["fee_lines"] = self._apply_fee_lines(
                record.get("fee_lines", []), values["fee_lines"]
            )
        if "coupon_lines" in values:
            record["coupon_lines"] = self._apply_coupon_lines(values["coupon_lines"])
        for field in (
            "parent_id",
            "currency",
            "customer_id",
            "customer_note",
            "payment_method",
            "payment_method_title",
            "transaction_id",
        ):
            if field in values:
                record[field] = values[field]
        if "billing" in values:
            record["billing"] = _address(
                record.get("billing"), values["billing"], BILLING_FIELDS
            )
        if "shipping" in values:
            record["shipping"] = _address(
                record.get("shipping"), values["shipping"], SHIPPING_FIELDS
            )
        if "meta_data" in values:
            record["meta_data"] = formats.apply_meta(
                self.store, record.get("meta_data", []), values["meta_data"]
            )
        if "status" in values:
            record["status"] = values["status"]
        self._compute(record)
        needs_payment = (
            record["status"] in ("pending", "failed")
            and self.totals(record)["total"] > 0
        )
        if values.get("set_paid") and (needs_payment or record["status"] == "pending"):
            record["status"] = "processing"
            record["transaction_id"] = record.get("transaction_id", "")
        self._status_side_effects(record)
        return record

    def _status_side_effects(self, record):
        """Paid and completed dates follow the status, as in ``WC_Order``."""
        now = self.store.now()
        if record["status"] in ("processing", "completed") and not record.get(
            "date_paid"
        ):
            record["date_paid"] = now
            customer = self.store.get("customer", record.get("customer_id") or 0)
            if customer and not customer.get("is_paying_customer"):
                self.store.put("customer", dict(customer, is_paying_customer=True))
        if record["status"] == "completed" and not record.get("date_completed"):
            record["date_completed"] = now

    def create(self, body, ctx, prices_include_tax=False):
        """Create an order; ``prices_include_tax``: the store's prices include tax.

        (A store setting, hence not in the body: the realistic seed uses it.)
        """
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        now = self.store.now()
        record = {
            "id": 0,
            "prices_include_tax": prices_include_tax,
            "parent_id": 0,
            "status": "pending",
            "currency": "EUR",
            "customer_id": 0,
            "customer_note": "",
            "billing": _address({}, {}, BILLING_FIELDS),
            "shipping": _address({}, {}, SHIPPING_FIELDS),
            "payment_method": "",
            "payment_method_title": "",
            "transaction_id": "",
            "line_items": [],
            "shipping_lines": [],
            "meta_data": [],
            "order_key": "wc_order_"
            + "".join(
                secrets.choice(string.ascii_letters + string.digits) for _ in range(13)
            ),
            "created_via": "rest-api",
            "date_created": now,
            "date_modified": now,
            "date_paid": None,
            "date_completed": None,
        }
        self.inclusive_prices = prices_include_tax
        try:
            self._apply(record, values)
        finally:
            self.inclusive_prices = False
        record["id"] = self.store.next_id("post")
        if record["status"] not in SILENT_ORDER_STATUSES:
            ctx.emit("order", "created", record["id"])
        return self.store.put(self.kind, record)

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        record = self._apply(dict(record), values)
        record["date_modified"] = self.store.now()
        if record["status"] not in SILENT_ORDER_STATUSES:
            ctx.emit("order", "updated", record["id"])
        return self.store.put(self.kind, record)
