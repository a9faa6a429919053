"""Refunds of an order (``/orders/<id>/refunds``): an amount and a reason.

A refund of the whole remaining amount sets the order's status to ``refunded``.
"""

from decimal import Decimal
from typing import ClassVar

from .. import formats, taxes
from ..errors import ApiError
from ..params import validate_body
from .base import Resource


class RefundResource(Resource):
    kind = "refund"
    singular = "shop_order_refund"
    invalid_id_code = "woocommerce_rest_invalid_id"
    invalid_id_message = "Invalid ID."
    default_order = "desc"
    default_orderby = "date"
    orderby_keys: ClassVar[dict] = {
        "date": lambda record: record["date_created"],
        "id": lambda record: record["id"],
    }
    schema: ClassVar[dict] = {
        "amount": "string",
        "reason": "string",
        "refunded_by": "integer",
        "meta_data": "array",
        "api_refund": "boolean",
    }
    order_id = 0

    def for_parent(self, order_id):
        bound = RefundResource(self.api)
        bound.order_id = order_id
        return bound

    @property
    def path(self):
        return f"orders/{self.order_id}/refunds"

    def get(self, record_id):
        record = self.store.get(self.kind, record_id)
        if record is None or record["order_id"] != self.order_id:
            return None
        return record

    def filters(self, params):
        return [lambda record: record["order_id"] == self.order_id]

    def render(self, record, ctx):
        return {
            "id": record["id"],
            "date_created": record["date_created"],
            "date_created_gmt": record["date_created"],
            "amount": formats.money(record["amount"], ctx.dp),
            "reason": record.get("reason", ""),
            "refunded_by": record.get("refunded_by", 1),
            "refunded_payment": bool(record.get("refunded_payment")),
            "meta_data": record.get("meta_data", []),
            "line_items": [],
            "_links": self.links(record),
        }

    @staticmethod
    def refunded(store, order_id) -> Decimal:
        return sum(
            (
                Decimal(refund["amount"])
                for refund in store.all("refund")
                if refund["order_id"] == order_id
            ),
            Decimal(0),
        )

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        order = self.store.get("order", self.order_id)
        amount = values.get("amount", "")
        if not formats.is_decimal(amount) or Decimal(amount) <= 0:
            raise ApiError(
                400,
                "woocommerce_rest_cannot_create_order_refund",
                "Refund amount must be greater than zero.",
            )
        amount = taxes.cents(Decimal(amount))
        total = self.api.resources["orders"].order_amounts(order)["total"]
        left = total - self.refunded(self.store, self.order_id)
        if amount > left:
            raise ApiError(
                400,
                "woocommerce_rest_cannot_create_order_refund",
                "Invalid refund amount.",
            )
        record = {
            "id": self.store.next_id("post"),
            "order_id": self.order_id,
            "date_created": self.store.now(),
            "amount": str(amount),
            "reason": values.get("reason", ""),
            "refunded_by": values.get("refunded_by", 1),
            "refunded_payment": False,
            "meta_data": [],
        }
        self.store.put(self.kind, record)
        status = "refunded" if amount == left else order["status"]
        self.store.put(
            "order", dict(order, status=status, date_modified=self.store.now())
        )
        ctx.emit("order", "updated", self.order_id)
        return record

    def update(self, record, body, ctx):
        raise ApiError(
            404,
            "rest_no_route",
            "No route was found matching the URL and request method.",
        )

    def delete(self, record, force, ctx):
        before = self.render(record, ctx)
        self.store.delete(self.kind, record["id"])
        ctx.emit("order", "updated", self.order_id)
        return before
