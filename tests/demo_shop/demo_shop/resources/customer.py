"""Customers: WordPress users of role ``customer``; delete needs force."""

import hashlib
import re
import secrets
from typing import ClassVar

from .. import formats
from ..errors import ApiError, missing_params
from ..params import validate_body
from .base import BILLING_FIELDS, SHIPPING_FIELDS, Resource, _address, _dated

USER_ROLES = (
    "administrator",
    "editor",
    "author",
    "contributor",
    "subscriber",
    "customer",
    "shop_manager",
)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class CustomerResource(Resource):
    kind = "customer"
    path = "customers"
    singular = "customer"
    invalid_id_code = "wc_user_invalid_id"
    invalid_id_message = "Invalid user ID."
    update_missing_status = 404
    exists_code = "woocommerce_rest_customer_exists"
    default_orderby = "name"
    orderby_keys: ClassVar[dict] = {
        "id": lambda record: record["id"],
        "name": lambda record: CustomerResource.display_name(record).lower(),
        "registered_date": lambda record: record.get("date_created") or "",
    }
    schema: ClassVar[dict] = {
        "email": "string",
        "first_name": "string",
        "last_name": "string",
        "username": "string",
        "password": "string",
        "billing": "object",
        "shipping": "object",
        "meta_data": "array",
    }

    @staticmethod
    def display_name(record):
        return (
            f"{record.get('first_name', '')} {record.get('last_name', '')}".strip()
            or record["username"]
        )

    def filters(self, params):
        role = params.enum("role", ("all",) + USER_ROLES, "customer")
        email = params.string("email")
        predicates = []
        if role != "all":
            predicates.append(lambda record: record.get("role") == role)
        if email is not None:
            predicates.append(
                lambda record: record["email"].lower() == email.strip().lower()
            )
        return predicates

    def search_text(self, record):
        return " ".join(
            (record["email"], record["username"], self.display_name(record))
        )

    def render(self, record, ctx):
        out = {"id": record["id"]}
        _dated(record, out)
        out.update(
            {
                "email": record["email"],
                "first_name": record.get("first_name", ""),
                "last_name": record.get("last_name", ""),
                "role": record.get("role", "customer"),
                "username": record["username"],
                "billing": _address(record.get("billing"), {}, BILLING_FIELDS),
                "shipping": _address(record.get("shipping"), {}, SHIPPING_FIELDS),
                "is_paying_customer": bool(record.get("is_paying_customer")),
                "avatar_url": "https://secure.gravatar.com/avatar/"
                + hashlib.md5(record["email"].strip().lower().encode()).hexdigest()
                + "?s=96&d=mm&r=g",
                "meta_data": record.get("meta_data", []),
                "_links": self.links(record),
            }
        )
        return out

    def _email_owner(self, email):
        email = email.strip().lower()
        return next(
            (
                rec
                for rec in self.store.all("customer")
                if rec["email"].lower() == email
            ),
            None,
        )

    def _unique_username(self, email):
        base = re.sub(r"[^a-z0-9._-]", "", email.split("@")[0].lower()) or "customer"
        taken = {rec["username"] for rec in self.store.all("customer")}
        candidate, suffix = base, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}{suffix}"
        return candidate

    def create(self, body, ctx):
        self._check_no_id(body)
        values = validate_body(body, self.schema)
        if not values.get("email"):
            raise missing_params(["email"])
        email = values["email"].strip()
        if not _EMAIL_RE.match(email):
            raise ApiError(
                400,
                "registration-error-invalid-email",
                "Please provide a valid email address.",
            )
        if self._email_owner(email):
            raise ApiError(
                400,
                "registration-error-email-exists",
                "An account is already registered with your email address. "
                "Please log in.",
            )
        username = values.get("username") or self._unique_username(email)
        if any(rec["username"] == username for rec in self.store.all("customer")):
            raise ApiError(
                400,
                "registration-error-username-exists",
                "An account is already registered with that username. "
                "Please choose another.",
            )
        now = self.store.now()
        record = {
            "id": self.store.next_id("user"),
            "email": email,
            "username": username,
            "password_hash": self._hash(
                values.get("password") or secrets.token_urlsafe(16)
            ),
            "first_name": values.get("first_name", ""),
            "last_name": values.get("last_name", ""),
            "role": "customer",
            "billing": _address({}, values.get("billing"), BILLING_FIELDS),
            "shipping": _address({}, values.get("shipping"), SHIPPING_FIELDS),
            "is_paying_customer": False,
            "meta_data": formats.apply_meta(self.store, [], values.get("meta_data")),
            "date_created": now,
            "date_modified": now,
        }
        ctx.emit("customer", "created", record["id"])
        return self.store.put(self.kind, record)

    @staticmethod
    def _hash(password):
        return hashlib.sha256(password.encode()).hexdigest()

    def update(self, record, body, ctx):
        values = validate_body(body, self.schema)
        if "username" in values and values["username"] != record["username"]:
            raise ApiError(
                400,
                "woocommerce_rest_customer_invalid_argument",
                "Username isn't editable.",
            )
        record = dict(record)
        if (
            "email" in values
            and values["email"].strip().lower() != record["email"].lower()
        ):
            email = values["email"].strip()
            if not _EMAIL_RE.match(email) or self._email_owner(email):
                raise ApiError(
                    400,
                    "woocommerce_rest_customer_invalid_email",
                    "Email address is invalid.",
                )
            record["email"] = email
        for field in ("first_name", "last_name"):
            if field in values:
                record[field] = values[field]
        if values.get("password"):
            record["password_hash"] = self._hash(values["password"])
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
        record["date_modified"] = self.store.now()
        ctx.emit("customer", "updated", record["id"])
        return self.store.put(self.kind, record)

    def delete(self, record, force, ctx):
        if not force:
            raise ApiError(
                501,
                "woocommerce_rest_trash_not_supported",
                "Customers do not support trashing.",
            )
        if record.get("role") not in ("customer", "subscriber"):
            raise ApiError(
                403, "woocommerce_rest_cannot_delete", "The customer cannot be deleted."
            )
        before = self.render(record, ctx)
        self.store.delete(self.kind, record["id"])
        # WooCommerce turns the orders of a deleted user into guest orders.
        for order in self.store.all("order"):
            if order.get("customer_id") == record["id"]:
                self.store.put("order", dict(order, customer_id=0))
        ctx.emit("customer", "deleted", record["id"])
        return before
