"""Mappers: shop JSON <-> Odoo values.

Import mappers read the shop's JSON (a ``dict``) and return values for the
binding; export mappers read a binding and return the JSON to send. The
shop's rules (API spec §2, §10) are applied here once: money is parsed from
strings with :class:`~decimal.Decimal`, dates are the naive ``*_gmt`` UTC
strings, ``null`` and ``""`` both mean "no value", unknown keys are ignored
because a mapper only reads the keys it names.
"""

import logging
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from odoo import fields

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.components.mapper import changed_by, mapping, only_create
from odoo.addons.connector.exception import MappingError

_logger = logging.getLogger(__name__)

SHOP_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"


def to_decimal(value):
    """Money of the shop as a ``Decimal``; ``None`` for ``""``/``null``.

    Order totals are strings with fixed decimals, product prices are strings
    as stored (``"10"``, ``"9.5"``), line prices are JSON numbers::

        to_decimal("29.35")  # Decimal('29.35')
        to_decimal(10)       # Decimal('10')
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        # str() first: a JSON float becomes its shortest repr, not 0.1000000000000000055
        return Decimal(str(value))
    except InvalidOperation as err:
        raise MappingError(f"{value!r} is not an amount of money.") from err


def parse_shop_date(value):
    """A shop ``*_gmt`` date (naive UTC ``YYYY-MM-DDTHH:MM:SS``) as a datetime."""
    if not value:
        return None
    try:
        return datetime.strptime(value[:19], SHOP_DATE_FORMAT)
    except ValueError as err:
        raise MappingError(
            f"{value!r} is not a shop date (YYYY-MM-DDTHH:MM:SS)."
        ) from err


def format_shop_date(value):
    """A datetime as the naive UTC string the shop's date filters expect."""
    return value.strftime(SHOP_DATE_FORMAT)


class DemoShopImportMapper(AbstractComponent):
    """Shared mappings of the import mappers of records with their own
    importer: the backend and the shop's modification date."""

    _name = "demo.shop.import.mapper"
    _inherit = ["base.import.mapper", "demo.shop.base"]

    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}

    @mapping
    def shop_date_modified(self, record):
        return {"shop_date_modified": parse_shop_date(record.get("date_modified_gmt"))}


class DemoShopCustomerImportMapper(Component):
    _name = "demo.shop.res.partner.import.mapper"
    _inherit = "demo.shop.import.mapper"
    _apply_on = "demo.shop.res.partner"

    direct = [("email", "email")]

    @mapping
    def name(self, record):
        billing = record.get("billing") or {}
        parts = [record.get("first_name"), record.get("last_name")]
        if not any(parts):
            parts = [billing.get("first_name"), billing.get("last_name")]
        name = " ".join(part.strip() for part in parts if part and part.strip())
        return {"name": name or record.get("username") or record.get("email")}

    @mapping
    def address(self, record):
        billing = record.get("billing") or {}
        country = self._find_country(billing.get("country"))
        return {
            "street": billing.get("address_1") or False,
            "street2": billing.get("address_2") or False,
            "city": billing.get("city") or False,
            "zip": billing.get("postcode") or False,
            "phone": billing.get("phone") or False,
            "country_id": country.id,
            "state_id": self._find_state(country, billing.get("state")).id,
        }

    def _find_country(self, code):
        if not code:
            return self.env["res.country"]
        return self.env["res.country"].search([("code", "=", code.upper())], limit=1)

    def _find_state(self, country, code):
        # the shop sends a state code or a free name: unknown ones are left out
        if not (country and code):
            return self.env["res.country.state"]
        return self.env["res.country.state"].search(
            [("country_id", "=", country.id), ("code", "=ilike", code)], limit=1
        )


class DemoShopProductImportMapper(Component):
    _name = "demo.shop.product.product.import.mapper"
    _inherit = "demo.shop.import.mapper"
    _apply_on = "demo.shop.product.product"

    direct = [("name", "name"), ("sku", "default_code"), ("status", "shop_status")]

    @mapping
    def list_price(self, record):
        # regular_price is the list price; price is the sale price when on sale
        price = to_decimal(record.get("regular_price"))
        if price is None:
            price = to_decimal(record.get("price"))
        return {"list_price": float(price or 0)}

    @mapping
    def active(self, record):
        return {"active": record.get("status") != "trash"}

    @only_create
    @mapping
    def product_type(self, record):
        return {"type": "consu", "sale_ok": True}


class DemoShopOrderImportMapper(Component):
    """Order header; line items through the children mapping.

    The customer and the products are imported as dependencies before the
    mapping runs (``demo.shop.sale.order.importer``), so the binders find
    them here. A guest order (``customer_id`` 0) gets its partner from the
    importer, forced into the map record.
    """

    _name = "demo.shop.sale.order.import.mapper"
    _inherit = "demo.shop.import.mapper"
    _apply_on = "demo.shop.sale.order"

    direct = [("number", "client_order_ref"), ("status", "shop_status")]
    children = [
        ("line_items", "demo_shop_order_line_ids", "demo.shop.sale.order.line"),
    ]

    @mapping
    def partner_id(self, record):
        customer_id = record.get("customer_id")
        if not customer_id:
            return None  # guest: the importer forces the partner
        binder = self.binder_for("demo.shop.res.partner")
        partner = binder.to_internal(customer_id, unwrap=True)
        if not partner:
            raise MappingError(
                f"Order {record.get('id')}: customer {customer_id} is not imported; "
                "it should have been imported as a dependency."
            )
        return {"partner_id": partner.id}

    @mapping
    def date_order(self, record):
        created = parse_shop_date(record.get("date_created_gmt"))
        return {"date_order": created or fields.Datetime.now()}

    @mapping
    def company_id(self, record):
        return {"company_id": self.backend_record.company_id.id}

    @mapping
    def pricelist_id(self, record):
        # an order in another currency than the company's needs a pricelist in
        # that currency; without one, Odoo's default pricelist is kept
        company = self.backend_record.company_id
        pricelist = self.env["product.pricelist"].search(
            [
                ("currency_id.name", "=", record.get("currency")),
                ("company_id", "in", [False, company.id]),
            ],
            limit=1,
        )
        return {"pricelist_id": pricelist.id} if pricelist else None

    @mapping
    def shop_total(self, record):
        return {"shop_total": float(to_decimal(record.get("total")) or 0)}

    @mapping
    def shipping_lines(self, record):
        product = self.backend_record.shipping_product_id
        lines = []
        for shipping in record.get("shipping_lines") or []:
            if not product:
                raise MappingError(
                    f"Order {record.get('id')} has shipping lines but backend "
                    f"{self.backend_record.name} has no shipping product: set one."
                )
            lines.append(
                {
                    "product_id": product.id,
                    "name": shipping.get("method_title") or product.display_name,
                    "product_uom_qty": 1,
                    "price_unit": float(to_decimal(shipping.get("total")) or 0),
                    "tax_ids": [(6, 0, [])],
                }
            )
        return {"order_line": [(0, 0, vals) for vals in lines]} if lines else None


class DemoShopOrderLineImportMapper(Component):
    _name = "demo.shop.sale.order.line.import.mapper"
    _inherit = ["base.import.mapper", "demo.shop.base"]
    _apply_on = "demo.shop.sale.order.line"

    direct = [("name", "name")]

    @mapping
    def binding(self, record):
        # lines are created by their order, not bound by an importer
        return {
            "backend_id": self.backend_record.id,
            "external_id": str(record["id"]),
            "sync_date": fields.Datetime.now(),
        }

    @mapping
    def product_id(self, record):
        binder = self.binder_for("demo.shop.product.product")
        product = binder.to_internal(record.get("product_id"), unwrap=True)
        if not product:
            raise MappingError(
                f"Line item {record.get('id')}: product {record.get('product_id')} "
                "is not imported (a deleted product has product_id 0)."
            )
        return {"product_id": product.id}

    @mapping
    def amounts(self, record):
        quantity = self._to_number(record, "quantity") or Decimal(0)
        subtotal = self._to_number(record, "subtotal") or Decimal(0)
        total = self._to_number(record, "total")
        total = subtotal if total is None else total
        price_unit, discount = self._price_and_discount(quantity, subtotal, total)
        return {
            "product_uom_qty": float(quantity),
            "price_unit": price_unit,
            "discount": discount,
            # the shop computed the taxes of its total; the demo's are zero
            "tax_ids": [(6, 0, [])],
        }

    def _to_number(self, record, field):
        """``record[field]`` as a ``Decimal``; a clear error naming the line."""
        try:
            return to_decimal(record.get(field))
        except MappingError as err:
            raise MappingError(
                f"Line item {record.get('id')}: field {field!r} must be a number, "
                f"got {record.get(field)!r}."
            ) from err

    def _price_and_discount(self, quantity, subtotal, total):
        """Unit price and discount whose Odoo line amount is exactly ``total``.

        The discount is rounded to the 'Discount' precision, and the unit
        price (not rounded in Odoo 19) is computed back from the shop's
        ``total``: the unrounded line amount is then ``total`` itself, so
        the order total matches the shop's to the cent whether the company
        rounds per line or globally. The unit price times the quantity stays
        the shop's ``subtotal`` (amount before discount); in the rare case it
        would not, the discount is folded into the unit price instead.
        """
        if not quantity:
            return 0.0, 0.0
        if subtotal and not total:
            return float(subtotal / quantity), 100.0
        if subtotal and total != subtotal:
            digits = self.env["decimal.precision"].precision_get("Discount")
            discount = float(round((1 - total / subtotal) * 100, digits))
            if discount < 100:
                price_unit = float(total) / (float(quantity) * (1 - discount / 100))
                if self._to_cents(price_unit * float(quantity)) == subtotal:
                    return price_unit, discount
        return float(total / quantity), 0.0

    def _to_cents(self, amount):
        """``amount`` rounded to the company currency, as a ``Decimal``."""
        currency = self.backend_record.company_id.currency_id
        return Decimal(repr(amount)).quantize(
            Decimal(1).scaleb(-currency.decimal_places), rounding=ROUND_HALF_UP
        )


class DemoShopCustomerExportMapper(Component):
    _name = "demo.shop.res.partner.export.mapper"
    _inherit = ["base.export.mapper", "demo.shop.base"]
    _apply_on = "demo.shop.res.partner"

    @changed_by("email")
    @mapping
    def email(self, record):
        return {"email": record.email} if record.email else None

    @changed_by("name")
    @mapping
    def names(self, record):
        first, _sep, last = (record.name or "").partition(" ")
        return {"first_name": first, "last_name": last}

    @changed_by(
        "name",
        "email",
        "street",
        "street2",
        "city",
        "zip",
        "phone",
        "country_id",
        "state_id",
    )
    @mapping
    def billing(self, record):
        # the shop merges nested objects field by field: sending them all is safe
        first, _sep, last = (record.name or "").partition(" ")
        return {
            "billing": {
                "first_name": first,
                "last_name": last,
                "address_1": record.street or "",
                "address_2": record.street2 or "",
                "city": record.city or "",
                "postcode": record.zip or "",
                "country": record.country_id.code or "",
                "state": record.state_id.code or "",
                "email": record.email or "",
                "phone": record.phone or "",
            }
        }


class DemoShopOrderExportMapper(Component):
    """Only the status of an order goes back to the shop."""

    _name = "demo.shop.sale.order.export.mapper"
    _inherit = ["base.export.mapper", "demo.shop.base"]
    _apply_on = "demo.shop.sale.order"

    # meant to be overridden: shop status for an Odoo order state
    _status_by_state = {"sale": "processing", "cancel": "cancelled"}

    @changed_by("state")
    @mapping
    def status(self, record):
        status = self._status_by_state.get(record.state)
        return {"status": status} if status else None
