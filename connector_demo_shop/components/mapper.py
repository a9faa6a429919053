"""Mappers: shop JSON <-> Odoo values.

Import mappers read the shop's JSON (a ``dict``) and return values for the
binding; export mappers read a binding and return the JSON to send. The
shop's rules are applied here once: money comes as strings (exact with
:class:`~decimal.Decimal`), dates as naive UTC ``*_gmt`` strings, ``null``
and ``""`` both mean "no value", unknown keys are ignored (a mapper only
reads the keys it names).
"""

from decimal import ROUND_HALF_UP, Decimal

from odoo import fields

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.components.mapper import (
    changed_by,
    mapping,
    only_create,
    parse_remote_date,
)
from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.money import to_decimal


def _kept_for_transaction(env, name, key, find):
    """The record ``find()`` returns for ``key``, found once per transaction.

    Every order of a chunk asks for the same currency or pricelist: the
    record is kept in ``env.cr.cache`` under ``name``, which Odoo empties
    with the transaction and when a flushing savepoint is rolled back (a
    record split out of its chunk leaves nothing behind). Nothing found is
    not kept.
    """
    found = env.cr.cache.setdefault(name, {})
    record = found.get(key)
    if record is None:
        record = find()
        if record:
            found[key] = record
    return record


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
    """Order header; line items through the children mapping; shipping, fee
    and coupon lines as order lines of their own.

    The customer and the products are imported as dependencies before the
    mapping runs (``demo.shop.sale.order.importer``), so the binders find
    them here. The partner and its addresses are set by the importer (a guest
    order gets a new partner). Taxes are the Odoo taxes mapped to the shop's
    rates (``demo.shop.tax.rate``).
    """

    _name = "demo.shop.sale.order.import.mapper"
    _inherit = "demo.shop.import.mapper"
    _apply_on = "demo.shop.sale.order"

    direct = [("number", "client_order_ref"), ("status", "shop_status")]
    children = [
        ("line_items", "demo_shop_order_line_ids", "demo.shop.sale.order.line"),
    ]

    @mapping
    def date_order(self, record):
        created = parse_remote_date(record.get("date_created_gmt"))
        return {"date_order": created or fields.Datetime.now()}

    @mapping
    def company_id(self, record):
        return {"company_id": self.backend_record.company_id.id}

    @mapping
    def pricelist_id(self, record):
        currency = self._get_order_currency(record)
        return {"pricelist_id": self._get_pricelist(currency).id}

    def _get_order_currency(self, record):
        """The active Odoo currency of the order; an error naming it otherwise."""
        code = record.get("currency") or self.backend_record.company_id.currency_id.name
        # asked by the importer, then by the mapping of the pricelist
        currency = _kept_for_transaction(
            self.env,
            "demo_shop_currencies",
            code,
            lambda: (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", code)], limit=1)
            ),
        )
        if not currency.active:
            raise InactiveCurrencyError(
                f"Order {record.get('id')}: currency {code!r} is "
                + ("not active in Odoo: activate it" if currency else "unknown to Odoo")
                + " (Accounting > Configuration > Currencies), then import again.",
                currency,
            )
        return currency

    def _get_pricelist(self, currency):
        """A pricelist in ``currency`` for the backend's company, created if none."""
        company = self.backend_record.company_id
        pricelists = self.env["product.pricelist"].sudo()

        def find():
            return pricelists.search(
                [
                    ("currency_id", "=", currency.id),
                    ("company_id", "in", [False, company.id]),
                ],
                limit=1,
            ) or pricelists.create(
                {
                    "name": f"{self.backend_record.name} ({currency.name})",
                    "currency_id": currency.id,
                    "company_id": company.id,
                }
            )

        return _kept_for_transaction(
            self.env, "demo_shop_pricelists", (currency.id, company.id), find
        )

    @mapping
    def shop_amounts(self, record):
        total = to_decimal(record.get("total")) or Decimal(0)
        tax = to_decimal(record.get("total_tax")) or Decimal(0)
        return {"shop_total": float(total), "shop_total_tax": float(tax)}

    @mapping
    def order_lines(self, record):
        """Shipping, fee and coupon lines of the shop as Odoo order lines."""
        lines = (
            self._shipping_lines(record)
            + self._fee_lines(record)
            + self._coupon_lines(record)
        )
        return {"order_line": [(0, 0, vals) for vals in lines]} if lines else None

    def _shipping_lines(self, record):
        product = self.backend_record.shipping_product_id
        lines = []
        for shipping in record.get("shipping_lines") or []:
            if not product:
                raise MappingError(
                    f"Order {record.get('id')} has shipping lines but backend "
                    f"{self.backend_record.name} has no shipping product: set one."
                )
            name = shipping.get("method_title") or product.display_name
            lines.append(self._prepare_charge_line(record, shipping, product, name))
        return lines

    def _fee_lines(self, record):
        product = self.backend_record.fee_product_id
        lines = []
        for fee in record.get("fee_lines") or []:
            if not product:
                raise MappingError(
                    f"Order {record.get('id')} has fee lines but backend "
                    f"{self.backend_record.name} has no fee product: set one."
                )
            name = fee.get("name") or product.display_name
            lines.append(self._prepare_charge_line(record, fee, product, name))
        return lines

    def _prepare_charge_line(self, record, line, product, name):
        """A shipping or fee line: its net total as unit price, its taxes
        excluded (the shop never includes tax in them)."""
        label = f"Order {record.get('id')}: line {line.get('id')}, field 'total'"
        return {
            "product_id": product.id,
            "name": name,
            "product_uom_qty": 1,
            "price_unit": float(to_decimal(line.get("total"), label) or 0),
            "discount": 0.0,
            "tax_ids": [(6, 0, order_line_taxes(self, record, line, False).ids)],
        }

    def _coupon_lines(self, record):
        """One note line per coupon, with its code and discount."""
        notes = []
        for coupon in record.get("coupon_lines") or []:
            discount = to_decimal(coupon.get("discount")) or Decimal(0)
            discount_tax = to_decimal(coupon.get("discount_tax")) or Decimal(0)
            notes.append(
                {
                    "display_type": "line_note",
                    "name": self.env._(
                        "Coupon %(code)s: %(discount)s off (tax %(tax)s)",
                        code=coupon.get("code") or "",
                        discount=discount,
                        tax=discount_tax,
                    ),
                    "product_uom_qty": 0,
                }
            )
        return notes


class InactiveCurrencyError(MappingError):
    """The order's currency is inactive or unknown in Odoo (``currency``:
    the inactive record, or empty)."""

    def __init__(self, message, currency):
        super().__init__(message)
        self.currency = currency


def order_line_taxes(mapper, order, line, price_include):
    """The Odoo taxes of the rates in ``line["taxes"]`` (rates with a tax
    amount), mapped on ``mapper``'s backend."""
    rates = {
        str(tax_line.get("rate_id")): tax_line
        for tax_line in order.get("tax_lines") or []
    }
    taxes = mapper.env["account.tax"]
    for tax in line.get("taxes") or []:
        if tax.get("total") in (None, ""):
            continue  # a rate listed without an amount does not apply
        rate = rates.get(str(tax.get("id")))
        if rate is None:
            raise MappingError(
                f"Order {order.get('id')}: line {line.get('id')} is taxed by rate "
                f"{tax.get('id')}, missing from the order's tax_lines."
            )
        taxes |= mapper.env["demo.shop.tax.rate"]._get_tax(
            mapper.backend_record,
            tax.get("id"),
            float(to_decimal(rate.get("rate_percent")) or 0),
            rate.get("label"),
            price_include,
        )
    return taxes


def line_tax_amount(line, field):
    """Sum of the ``field`` ("subtotal" or "total") of ``line["taxes"]``."""
    return sum(
        (to_decimal(tax.get(field)) or Decimal(0) for tax in line.get("taxes") or []),
        Decimal(0),
    )


class DemoShopOrderLineImportMapper(Component):
    """A line item: the shop's unit price, its discount in Odoo's discount
    column, its taxes. With ``prices_include_tax`` the unit price is the
    shelf price (tax included) and the taxes are price-included ones."""

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
        binding = self._get_line_product_binding(record)
        if not binding:
            raise MappingError(
                f"Line item {record.get('id')}: product "
                f"{record.get('variation_id') or record.get('product_id')} "
                "is not imported (a deleted product has product_id 0)."
            )
        return {"product_id": binding.odoo_id.id}

    def _get_line_product_binding(self, line):
        """The product binding of a line item: its variation when bound, else
        its product (products and variations share one id space in the shop).

        The order's importer gives the bindings it found while importing the
        order's dependencies as the ``product_bindings`` option: those are
        not looked up again."""
        known = self.options.get("product_bindings") or {}
        binder = self.binder_for("demo.shop.product.product")
        for external_id in (line.get("variation_id"), line.get("product_id")):
            if not external_id:
                continue
            binding = known.get(str(external_id)) or binder.to_internal(external_id)
            if binding:
                return binding
        return self.env["demo.shop.product.product"]

    @mapping
    def amounts(self, record):
        """Quantity, unit price and discount of a line without tax, so that
        Odoo's line subtotal is the shop's ``total``."""
        return self._line_amounts(record, Decimal(0), Decimal(0))

    def _line_amounts(self, record, subtotal_tax, total_tax):
        quantity = self._to_number(record, "quantity") or Decimal(0)
        subtotal = self._to_number(record, "subtotal") or Decimal(0)
        total = self._to_number(record, "total")
        total = subtotal if total is None else total
        price_unit, discount = unit_price_and_discount(
            quantity,
            subtotal + subtotal_tax,
            total + total_tax,
            self.env["decimal.precision"].precision_get("Discount"),
            self._currency_decimals(),
        )
        values = {
            "product_uom_qty": float(quantity),
            "price_unit": float(price_unit),
            "discount": float(discount),
        }
        if not discount and price_unit * quantity != subtotal + subtotal_tax:
            # the discount column cannot hold it exactly: keep it visible
            values["name"] = self.env._(
                "%(name)s (shop discount: %(before)s reduced to %(after)s)",
                name=record.get("name") or "",
                before=subtotal + subtotal_tax,
                after=total + total_tax,
            )
        return values

    def _currency_decimals(self):
        return self.backend_record.company_id.currency_id.decimal_places

    def finalize(self, map_record, values):
        """Taxes of the line, which depend on its order (``map_record.parent``)."""
        values = super().finalize(map_record, values)
        parent = map_record.parent
        if parent is None:
            return values
        order, record = parent.source, map_record.source
        included = bool(order.get("prices_include_tax"))
        taxes = order_line_taxes(self, order, record, included)
        values["tax_ids"] = [(6, 0, taxes.ids)]
        if included and taxes:
            values.update(
                self._line_amounts(
                    record,
                    line_tax_amount(record, "subtotal"),
                    line_tax_amount(record, "total"),
                )
            )
        return values

    def _to_number(self, record, field):
        label = f"Line item {record.get('id')}: field {field!r}"
        return to_decimal(record.get(field), label)


def fitting_discounts(gross, after, discount_digits, decimal_places):
    """The discounts at ``discount_digits`` taking ``gross`` to ``after`` once
    rounded to ``decimal_places`` (``Decimal``, maybe none)::

        fitting_discounts(Decimal("58.46"), Decimal("52.61"), 2, 2)
        # [Decimal('10.01')]
    """
    cent = Decimal(1).scaleb(-decimal_places)
    step = Decimal(1).scaleb(-discount_digits)
    first = ((1 - after / gross) * 100).quantize(step, rounding=ROUND_HALF_UP)
    return [
        discount
        for discount in (first + k * step for k in (0, -1, 1, -2, 2, -3, 3))
        if 0 <= discount <= 100
        and (gross * (1 - discount / 100)).quantize(cent, rounding=ROUND_HALF_UP)
        == after
    ]


def unit_price_and_discount(quantity, before, after, discount_digits, decimal_places):
    """Unit price and discount (``Decimal``) of a line of ``before`` and
    ``after`` discount, whose line amount, rounded to the currency, is ``after``.

    The unit price is ``before / quantity`` at the currency's decimals and the
    discount, at ``discount_digits``, the one giving ``after`` (the closest to
    it unrounded when several do). When no discount at that precision does
    (large amounts), the discounted unit price ``after / quantity`` is used
    without discount if it has the currency's decimals: the amounts stay the
    shop's. Otherwise the nearest discount is returned, and the order's totals
    check says the difference::

        unit_price_and_discount(Decimal(2), Decimal("58.46"), Decimal("52.61"), 2, 2)
        # (Decimal('29.23'), Decimal('10.01'))
    """
    cent = Decimal(1).scaleb(-decimal_places)
    if not quantity:
        return Decimal(0), Decimal(0)
    price = (before / quantity).quantize(cent, rounding=ROUND_HALF_UP)
    gross = price * quantity
    if not gross or after == gross:
        return price, Decimal(0)
    step = Decimal(1).scaleb(-discount_digits)
    first = ((1 - after / gross) * 100).quantize(step, rounding=ROUND_HALF_UP)
    fitting = fitting_discounts(gross, after, discount_digits, decimal_places)
    if fitting:
        return price, min(fitting, key=lambda d: abs(gross * (1 - d / 100) - after))
    discounted = after / quantity
    if discounted == discounted.quantize(cent):
        return discounted.quantize(cent), Decimal(0)
    return price, min(max(first, Decimal(0)), Decimal(100))


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
