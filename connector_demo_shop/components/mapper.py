"""Mappers: shop JSON <-> Odoo values.

Import mappers read the shop's JSON (a ``dict``) and return values for the
binding; export mappers read a binding and return the JSON to send. The
shop's rules are applied here once: money comes as strings (exact with
:class:`~decimal.Decimal`), dates as naive UTC ``*_gmt`` strings, ``null``
and ``""`` both mean "no value", unknown keys are ignored (a mapper only
reads the keys it names).
"""

from decimal import Decimal

from odoo import fields

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.components.mapper import (
    changed_by,
    mapping,
    only_create,
    parse_remote_date,
)
from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.money import line_price_and_discount, to_decimal


class DemoShopImportMapper(AbstractComponent):
    """The backend and the shop's modification date of a binding."""

    _name = "demo.shop.import.mapper"
    _inherit = ["base.binding.import.mapper", "demo.shop.base"]
    _remote_date_key = "date_modified_gmt"
    _remote_date_field = "shop_date_modified"


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
        created = parse_remote_date(record.get("date_created_gmt"))
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
        # a variation's id is bound like a product's (one id space in the shop)
        product_id = record.get("variation_id") or record.get("product_id")
        binder = self.binder_for("demo.shop.product.product")
        product = binder.to_internal(product_id, unwrap=True)
        if not product:
            raise MappingError(
                f"Line item {record.get('id')}: product {product_id} "
                "is not imported (a deleted product has product_id 0)."
            )
        return {"product_id": product.id}

    @mapping
    def amounts(self, record):
        quantity = self._to_number(record, "quantity") or Decimal(0)
        subtotal = self._to_number(record, "subtotal") or Decimal(0)
        total = self._to_number(record, "total")
        total = subtotal if total is None else total
        price_unit, discount = line_price_and_discount(
            quantity,
            subtotal,
            total,
            self.env["decimal.precision"].precision_get("Discount"),
            self.backend_record.company_id.currency_id.decimal_places,
        )
        return {
            "product_uom_qty": float(quantity),
            "price_unit": price_unit,
            "discount": discount,
            # the shop computed the taxes of its total; the demo's are zero
            "tax_ids": [(6, 0, [])],
        }

    def _to_number(self, record, field):
        label = f"Line item {record.get('id')}: field {field!r}"
        return to_decimal(record.get(field), label)


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
