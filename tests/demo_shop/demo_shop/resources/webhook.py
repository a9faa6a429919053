"""Webhooks: topics, delivery URL, write-only secret, failure counter."""

import re
import secrets
import string
from typing import ClassVar

from ..errors import ApiError, missing_params
from ..params import validate_body
from .base import Resource, _date_bound, _dated

WEBHOOK_STATUSES = ("active", "paused", "disabled")
WEBHOOK_RESOURCES = ("coupon", "customer", "order", "product")
WEBHOOK_EVENTS = ("created", "updated", "deleted", "restored")
_URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


WEBHOOK_HOOKS = {
    "customer.created": [
        "user_register",
        "woocommerce_created_customer",
        "woocommerce_new_customer",
    ],
    "customer.updated": ["profile_update", "woocommerce_update_customer"],
    "customer.deleted": ["delete_user"],
    "customer.restored": [],
    "product.created": ["woocommerce_process_product_meta", "woocommerce_new_product"],
    "product.updated": [
        "woocommerce_process_product_meta",
        "woocommerce_update_product",
    ],
    "product.deleted": ["wp_trash_post"],
    "product.restored": ["untrashed_post"],
    "order.created": ["woocommerce_new_order"],
    "order.updated": ["woocommerce_update_order", "woocommerce_order_refunded"],
    "order.deleted": ["wp_trash_post", "woocommerce_trash_order"],
    "order.restored": ["untrashed_post"],
    "coupon.created": [
        "woocommerce_process_shop_coupon_meta",
        "woocommerce_new_coupon",
    ],
    "coupon.updated": [
        "woocommerce_process_shop_coupon_meta",
        "woocommerce_update_coupon",
    ],
    "coupon.deleted": ["wp_trash_post"],
    "coupon.restored": ["untrashed_post"],
}


def valid_topic(topic) -> bool:
    if not isinstance(topic, str):
        return False
    if topic.startswith(("action.woocommerce_", "action.wc_")):
        return True
    resource, _, event = topic.partition(".")
    return resource in WEBHOOK_RESOURCES and event in WEBHOOK_EVENTS


class WebhookResource(Resource):
    kind = "webhook"
    path = "webhooks"
    singular = "shop_webhook"
    invalid_id_code = "woocommerce_rest_shop_webhook_invalid_id"
    invalid_id_message = "ID is invalid."
    get_missing_status = 400
    delete_missing_status = 400
    exists_code = "woocommerce_rest_shop_webhook_exists"
    exists_message = "Cannot create existing webhook."
    default_order = "desc"
    default_orderby = "date"
    orderby_keys: ClassVar[dict] = {
        "date": lambda record: record["date_created"],
        "id": lambda record: record["id"],
        "title": lambda record: record["name"].lower(),
    }
    schema: ClassVar[dict] = {
        "name": "string",
        "status": "string",
        "topic": "string",
        "delivery_url": "string",
        "secret": "string",
    }

    def filters(self, params):
        status = params.enum("status", ("all",) + WEBHOOK_STATUSES, "all")
        predicates = (
            [] if status == "all" else [lambda record: record["status"] == status]
        )
        for name, later in (("after", True), ("before", False)):
            value = params.date(name)
            if value is not None:
                predicates.append(_date_bound("date_created", value, later))
        return predicates

    def search_text(self, record):
        return record["name"]

    def render(self, record, ctx):
        resource, _, event = record["topic"].partition(".")
        out = {
            "id": record["id"],
            "name": record["name"],
            "status": record["status"],
            "topic": record["topic"],
            "resource": resource,
            "event": event,
            "hooks": WEBHOOK_HOOKS.get(
                record["topic"], [event] if resource == "action" else []
            ),
            "delivery_url": record["delivery_url"],
        }
        _dated(record, out)
        out["_links"] = self.links(record)
        return out

    def _validate(self, values):
        if "topic" in values and not valid_topic(values["topic"]):
            raise ApiError(
                400,
                "woocommerce_rest_shop_webhook_invalid_topic",
                "Webhook topic is invalid.",
            )
        if "delivery_url" in values and not _URL_RE.match(values["delivery_url"]):
            raise ApiError(
                400,
                "woocommerce_rest_shop_webhook_invalid_delivery_url",
                "Webhook delivery URL must be a valid URL starting with http:// or https://.",
            )
        if "status" in values and values["status"] not in WEBHOOK_STATUSES:
            raise ApiError(
                400,
                "woocommerce_rest_shop_webhook_invalid_status",
                "Webhook status is invalid.",
            )

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        missing = [name for name in ("topic", "delivery_url") if not values.get(name)]
        if missing:
            raise missing_params(missing)
        self._validate(values)
        now = self.store.now()
        alphabet = (
            string.ascii_letters + string.digits + "!@#$%^&*()-_[]{}<>~`+=,.;:/?|"
        )
        record = {
            "id": self.store.next_id("webhook"),
            "name": values.get("name") or f"Webhook created on {now}",
            "status": values.get("status", "active"),
            "topic": values["topic"],
            "delivery_url": values["delivery_url"],
            "secret": values.get("secret")
            or "".join(secrets.choice(alphabet) for _ in range(50)),
            "failure_count": 0,
            "date_created": now,
            "date_modified": now,
        }
        ctx.emit("ping", "ping", record["id"])
        return self.store.put(self.kind, record)

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        self._validate(values)
        record = dict(record)
        # Demo choice (WooCommerce's behaviour is unconfirmed): re-activating resets the
        # counter.
        if values.get("status") == "active" and record["status"] != "active":
            record["failure_count"] = 0
        record.update(values)
        record["date_modified"] = self.store.now()
        return self.store.put(self.kind, record)

    def delete(self, record, force, ctx):
        if not force:
            raise ApiError(
                501,
                "woocommerce_rest_trash_not_supported",
                "Webhooks do not support trashing.",
            )
        before = self.render(record, ctx)
        self.store.delete(self.kind, record["id"])
        return before
