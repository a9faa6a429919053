"""Importers: shop -> Odoo, on the connector's ``generic.record.importer``
and ``generic.batch.importer``.

Only what is the shop's is here: its modification date, the types of its
JSON, the skipped order statuses, the dependencies of an order, the
customer matched by e-mail and the order's state.
"""

import itertools
from decimal import Decimal

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.components.importer import shorten_value
from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.models.checkpoint import add_checkpoint
from odoo.addons.connector.money import to_decimal

from .mapper import InactiveCurrencyError, fitting_discounts


class DemoShopRecordImporter(AbstractComponent):
    """Import one record of the shop, given its id (``generic.record.importer``
    with the shop's modification date and type checks)."""

    _name = "demo.shop.record.importer"
    _inherit = ["generic.record.importer", "demo.shop.base"]
    # a job blocked by a concurrent import of the same record retries after
    _import_lock_retry_seconds = 5
    _remote_date_key = "date_modified_gmt"
    _remote_date_field = "shop_date_modified"
    _remote_fingerprint_field = "shop_fingerprint"


class DemoShopCustomerImporter(Component):
    """Customers: a new customer always gets a new partner. A partner with
    the same e-mail is only proposed to a person (``connector.partner.match``
    and its checkpoint, by the connector's ``partner.matcher``): the shop does
    not verify e-mails, and the partner of a user or a company is never
    proposed. Nothing of the proposed partner changes before it is accepted."""

    _name = "demo.shop.res.partner.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.res.partner"

    def __init__(self, work_context):
        super().__init__(work_context)
        self.created_binding = False

    def _match_existing_record(self, data):
        # never bind by e-mail: see _propose_existing_partner
        return self.env["res.partner"]

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        for field in ("email", "first_name", "last_name", "username"):
            self._check_type(field, (str,))
        self._check_type("billing", (dict,))
        billing = self.remote_record.get("billing") or {}
        for field in ("first_name", "last_name", "email"):
            self._check_type(field, (str,), record=billing, part="billing")
        names = [
            self.remote_record.get(field)
            for field in ("first_name", "last_name", "username", "email")
        ] + [billing.get("first_name"), billing.get("last_name")]
        if not any(name and name.strip() for name in names):
            raise self._invalid(
                "first_name",
                "is empty, as are last_name, username and email: a customer "
                "needs a name or an e-mail.",
            )

    def _create(self, data):
        binding = super()._create(data)
        self.created_binding = True
        return binding

    def _after_import(self, binding):  # pylint: disable=missing-return
        super()._after_import(binding)
        if self.created_binding:
            self._propose_existing_partner(binding)

    def _propose_existing_partner(self, binding):
        """Propose for review the partner with the customer's e-mail, if any
        may be proposed; return the ``connector.partner.match``."""
        email = self.remote_record.get("email") or (
            self.remote_record.get("billing") or {}
        ).get("email")
        matcher = self.component(usage="partner.matcher")
        return matcher.propose_for(binding, email)


class DemoShopProductImporter(Component):
    _name = "demo.shop.product.product.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.product.product"

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        self._check_type("name", (str,), required=True)
        if not self.remote_record["name"].strip():
            raise self._invalid("name", "is empty: a product needs a name.")
        for field in ("sku", "status"):
            self._check_type(field, (str,))


class DemoShopOrderImporter(Component):
    """Orders: customer and products first, then the order with its lines.

    An order is created once with its lines; later imports follow its status
    and refunds (the shop's lines of a paid order do not change). The Odoo
    state follows the shop's status; unknown statuses change nothing. What
    Odoo cannot follow by itself opens a checkpoint saying why: totals that
    differ from the shop's, a cancellation of a delivered or invoiced order,
    a refund, an inactive currency.
    """

    _name = "demo.shop.sale.order.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.sale.order"

    # meant to be overridden: Odoo action for a shop status; other statuses
    # (pending, unknown plugin statuses) leave the order as it is
    _state_by_status = {
        "processing": "sale",
        "on-hold": "sale",
        "completed": "sale",
        "cancelled": "cancel",
        "refunded": "cancel",
        "failed": "cancel",
    }
    # meant to be overridden: statuses of orders that are not orders yet
    _skipped_statuses = ("checkout-draft", "auto-draft")

    def __init__(self, work_context):
        super().__init__(work_context)
        self.created_products = set()
        # what _import_dependencies found bound, for the mapping not to look
        # it up again: the customer's binding, the lines' product bindings
        # by external id (given to the line mapper as an option)
        self.customer_binding = None
        self.product_bindings = {}

    def _must_skip(self):
        status = self.remote_record.get("status")
        if status in self._skipped_statuses:
            return self.env._(
                "Order %(id)s is still a %(status)s in the shop: skipped.",
                id=self.external_id,
                status=status,
            )
        return None

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        for field in ("number", "status", "currency"):
            self._check_type(field, (str, int))
        self._check_type("customer_id", (int, str))
        for field in ("billing", "shipping"):
            self._check_type(field, (dict,))
        for field in (
            "line_items",
            "shipping_lines",
            "fee_lines",
            "coupon_lines",
            "tax_lines",
            "refunds",
        ):
            self._check_objects(field)
        for field in ("total", "total_tax"):
            self._check_amount(field)
        for item in self.remote_record.get("line_items") or []:
            part = f"line item {shorten_value(item.get('id'))}"
            self._check_type("name", (str,), record=item, part=part)
            self._check_type("product_id", (int, str), record=item, part=part)
            self._check_type("variation_id", (int, str), record=item, part=part)
            for field in ("quantity", "subtotal", "total"):
                self._check_amount(field, record=item, part=part)
            self._check_objects("taxes", record=item)
        for field in ("shipping_lines", "fee_lines"):
            for line in self.remote_record.get(field) or []:
                part = f"{field} {shorten_value(line.get('id'))}"
                self._check_amount("total", record=line, part=part)
                self._check_objects("taxes", record=line)

    def _import_dependencies(self):
        record = self.remote_record
        customer_id = record.get("customer_id")
        if customer_id:
            customer = self._dependency_binding(customer_id, "demo.shop.res.partner")
            self.customer_binding = customer or None
            if self.customer_binding is None:
                self._import_dependency(customer_id, "demo.shop.res.partner")
        for item in record.get("line_items") or []:
            product_id = item.get("variation_id") or item.get("product_id")
            binding = product_id and self._dependency_binding(
                product_id, "demo.shop.product.product"
            )
            if binding:
                self.product_bindings[str(product_id)] = binding
            elif self._import_dependency(product_id, "demo.shop.product.product"):
                self.created_products.add(str(product_id))

    def _create_data(self, map_record, **kwargs):
        kwargs.setdefault("product_bindings", self.product_bindings)
        return super()._create_data(map_record, **kwargs)

    def _map_data(self):
        try:
            self.mapper._get_order_currency(self.remote_record)
        except InactiveCurrencyError as err:
            if err.currency:
                self._checkpoint_apart(err.currency, str(err))
            raise
        map_record = super()._map_data()
        binding = self.binding
        if binding is None:  # mapped outside of run
            binding = self.binder.to_internal(self.external_id)
        if not binding:
            partner = self._get_order_partner()
            map_record.update(
                partner_id=partner.id, **self._get_order_addresses(partner)
            )
        return map_record

    def _get_order_partner(self):
        """The customer's partner, or a new partner for a guest order."""
        record = self.remote_record
        customer_id = record.get("customer_id")
        if not customer_id:
            return self._create_guest_partner()
        if self.customer_binding is not None:
            return self.customer_binding.odoo_id
        partner = self.binder_for("demo.shop.res.partner").to_internal(
            customer_id, unwrap=True
        )
        if not partner:
            raise MappingError(
                f"Order {record.get('id')}: customer {customer_id} is not imported; "
                "it should have been imported as a dependency."
            )
        return partner

    def _create_guest_partner(self):
        """A new partner from the billing address of a guest order.

        Never one found by e-mail: the shop does not verify a guest's
        e-mail, so matching it would hand the order (and what follows from
        it) to whoever owns that address in Odoo.
        """
        billing = self.remote_record.get("billing") or {}
        values = self._prepare_address(billing)
        values["name"] = values["name"] or self.env._("Guest")
        values["email"] = (billing.get("email") or "").strip() or False
        return (
            self.env["res.partner"]
            .with_context(connector_no_export=True)
            .create(values)
        )

    def _prepare_address(self, address):
        """Partner values of a shop address (``billing`` or ``shipping``)."""
        country = self.mapper._find_country(address.get("country"))
        name = " ".join(
            part.strip()
            for part in (address.get("first_name"), address.get("last_name"))
            if part and part.strip()
        )
        return {
            "name": name or (address.get("company") or "").strip(),
            "company_name": (address.get("company") or "").strip() or False,
            "street": address.get("address_1") or False,
            "street2": address.get("address_2") or False,
            "city": address.get("city") or False,
            "zip": address.get("postcode") or False,
            "phone": address.get("phone") or False,
            "country_id": country.id,
            "state_id": self.mapper._find_state(country, address.get("state")).id,
        }

    def _get_order_addresses(self, partner):
        """Invoice and delivery contacts of the order: the billing address
        when it names a company, the shipping address as a delivery contact."""
        record = self.remote_record
        values = {}
        billing = record.get("billing") or {}
        if (billing.get("company") or "").strip():
            values["partner_invoice_id"] = self._get_contact(
                partner, "invoice", billing
            ).id
        shipping = record.get("shipping") or {}
        if shipping.get("address_1") or shipping.get("city"):
            values["partner_shipping_id"] = self._get_contact(
                partner, "delivery", shipping
            ).id
        return values

    def _get_contact(self, partner, contact_type, address):
        """The child contact of ``partner`` of that type and address, created
        when none has it. An invoice contact is named after the company."""
        values = self._prepare_address(address)
        if contact_type == "invoice" and values["company_name"]:
            person = values["name"]
            values["name"] = values["company_name"]
            if person and person != values["name"]:
                values["name"] = f"{values['company_name']} ({person})"
        keys = ("name", "street", "street2", "city", "zip", "country_id")
        for child in partner.child_ids.filtered(lambda c: c.type == contact_type):
            if all(
                (child[key].id if key == "country_id" else child[key])
                == (values[key] or False)
                for key in keys
            ):
                return child
        values.update(parent_id=partner.id, type=contact_type)
        values.pop("company_name")
        return (
            self.env["res.partner"]
            .with_context(connector_no_export=True)
            .create(values)
        )

    def _update_data(self, map_record, **kwargs):
        # an imported order keeps its lines and customer: only follow the status
        values = map_record.values(**kwargs)
        keep = ("shop_status", "shop_total", "shop_total_tax", "shop_date_modified")
        return {key: values[key] for key in keep if key in values}

    def _after_import(self, binding):  # pylint: disable=missing-return
        super()._after_import(binding)
        self._check_totals(binding)
        self._apply_shop_status(binding)
        self._follow_refunds(binding)
        if not self.created_products:
            return
        product_binder = self.binder_for("demo.shop.product.product")
        for line in binding.demo_shop_order_line_ids:
            product_id = product_binder.to_external(line.product_id, wrap=True)
            if product_id in self.created_products:
                self._add_checkpoint(line.odoo_id)

    def _check_totals(self, binding):
        """Open a checkpoint when Odoo's totals are not the shop's to the cent."""
        order = binding.odoo_id
        if (
            order.state in ("draft", "sent")
            and self._totals_differ(binding)
            and self._absorb_rounding(binding)
        ):
            binding.odoo_id.invalidate_recordset()
        self._checkpoint_totals(binding)

    def _totals_differ(self, binding):
        order = binding.odoo_id
        currency = order.currency_id
        shop_total = to_decimal(self.remote_record.get("total")) or Decimal(0)
        shop_tax = to_decimal(self.remote_record.get("total_tax")) or Decimal(0)
        return currency.compare_amounts(
            order.amount_total, float(shop_total)
        ) or currency.compare_amounts(order.amount_tax, float(shop_tax))

    def _absorb_rounding(self, binding):
        """Make the unrounded sum of the lines the shop's, for a company
        rounding taxes globally: the discounted lines take, among the
        discounts giving each its amount once rounded, those whose unrounded
        differences sum closest to zero; when that is not enough, lines whose discounted
        unit price has the currency's decimals take it without discount (the
        line's name keeps the shop's discount). True when a line changed."""
        currency = binding.odoo_id.currency_id
        cent = Decimal(1).scaleb(-currency.decimal_places)
        digits = self.env["decimal.precision"].precision_get("Discount")
        lines = self._get_discounted_lines(binding)
        choices = []
        for line, quantity, price, after in lines:
            gross = price * quantity
            options = fitting_discounts(gross, after, digits, currency.decimal_places)
            options = options or [Decimal(repr(line.discount))]
            choices.append([(d, gross * (1 - d / 100) - after) for d in options])
        best = self._best_discounts(choices)
        error = sum((delta for _discount, delta in best), Decimal(0))
        for (line, *_rest), (discount, _delta) in zip(lines, best, strict=True):
            line.odoo_id.discount = float(discount)
        for line, quantity, price, after in lines:
            if abs(error) < cent / 2:
                break
            unit = after / quantity
            if unit != unit.quantize(cent):
                continue
            error -= price * quantity * (1 - Decimal(repr(line.discount)) / 100) - after
            line.odoo_id.write(
                {
                    "price_unit": float(unit),
                    "discount": 0.0,
                    "name": self.env._(
                        "%(name)s (shop discount: %(before)s reduced to %(after)s)",
                        name=line.name,
                        before=price * quantity,
                        after=after,
                    ),
                }
            )
        return bool(lines)

    # meant to be overridden: most combinations of discounts tried per order
    _max_discount_combinations = 4096

    def _best_discounts(self, choices):
        """One ``(discount, difference)`` per line from ``choices``, their
        differences summing closest to zero (all combinations when few, else
        line by line)."""
        count = 1
        for options in choices:
            count *= len(options)
        if count <= self._max_discount_combinations:
            return list(
                min(
                    itertools.product(*choices),
                    key=lambda combo: abs(sum((d for _x, d in combo), Decimal(0))),
                )
            )
        best, error = [], Decimal(0)
        for options in choices:
            pick = min(options, key=lambda option, e=error: abs(e + option[1]))
            best.append(pick)
            error += pick[1]
        return best

    def _get_discounted_lines(self, binding):
        """``(line binding, quantity, unit price, amount after discount)`` of
        the discounted lines, amounts tax included when their taxes are."""
        items = {
            str(item.get("id")): item
            for item in self.remote_record.get("line_items") or []
        }
        result = []
        for line in binding.demo_shop_order_line_ids:
            item = items.get(line.external_id)
            quantity = to_decimal(item.get("quantity")) if item else None
            if not line.discount or not quantity:
                continue
            after = to_decimal(item.get("total")) or Decimal(0)
            if any(line.tax_ids.mapped("price_include")):
                taxes = item.get("taxes") or []
                after += sum(
                    (to_decimal(tax.get("total")) or Decimal(0) for tax in taxes),
                    Decimal(0),
                )
            result.append((line, quantity, Decimal(repr(line.price_unit)), after))
        return result

    def _checkpoint_totals(self, binding):
        order = binding.odoo_id
        shop_total = to_decimal(self.remote_record.get("total")) or Decimal(0)
        shop_tax = to_decimal(self.remote_record.get("total_tax")) or Decimal(0)
        currency = order.currency_id
        odoo = (
            Decimal(str(currency.round(order.amount_untaxed))),
            Decimal(str(currency.round(order.amount_tax))),
            Decimal(str(currency.round(order.amount_total))),
        )
        shop = (shop_total - shop_tax, shop_tax, shop_total)
        if all(a == b for a, b in zip(odoo, shop, strict=True)):
            return
        self._add_checkpoint_once(
            order,
            self.env._(
                "Totals differ from the shop's, by rounding the tax mapping cannot "
                "absorb: Odoo untaxed %(o_untaxed)s, tax %(o_tax)s, total %(o_total)s; "
                "shop untaxed %(s_untaxed)s, tax %(s_tax)s, total %(s_total)s "
                "(%(currency)s).",
                o_untaxed=odoo[0],
                o_tax=odoo[1],
                o_total=odoo[2],
                s_untaxed=shop[0],
                s_tax=shop[1],
                s_total=shop[2],
                currency=currency.name,
            ),
        )

    def _apply_shop_status(self, binding):
        order = binding.odoo_id.with_context(connector_no_export=True)
        target = self._state_by_status.get(binding.shop_status)
        if target == "sale" and order.state in ("draft", "sent"):
            date_order = order.date_order
            order.action_confirm()
            # confirming stamps the confirmation time: keep the shop's date
            order.date_order = date_order
        elif target == "cancel" and order.state != "cancel":
            if self._is_settled(order):
                self._add_checkpoint_once(
                    order,
                    self.env._(
                        "The shop says %(status)s, but this order is delivered "
                        "or invoiced: Odoo did not cancel it. Cancel or refund it "
                        "by hand.",
                        status=binding.shop_status,
                    ),
                )
            else:
                order._action_cancel()

    def _is_settled(self, order):
        """True when ``order`` cannot just be cancelled: delivered or invoiced."""
        invoiced = order.invoice_ids.filtered(lambda move: move.state == "posted")
        delivered = any(line.qty_delivered for line in order.order_line)
        return bool(invoiced) or delivered

    def _follow_refunds(self, binding):
        """Show the shop's refunds on the order, with a message and a checkpoint."""
        refunds = self.remote_record.get("refunds") or []
        amount = -sum(
            (to_decimal(refund.get("total")) or Decimal(0) for refund in refunds),
            Decimal(0),
        )
        order = binding.odoo_id.with_context(connector_no_export=True)
        if (
            order.currency_id.compare_amounts(
                float(amount), order.demo_shop_refunded_amount
            )
            == 0
        ):
            return
        order.demo_shop_refunded_amount = float(amount)
        reasons = ", ".join(
            refund.get("reason") or "" for refund in refunds if refund.get("reason")
        )
        message = self.env._(
            "The shop refunded %(amount)s %(currency)s on this order%(reasons)s: "
            "issue the matching credit note or return.",
            amount=amount,
            currency=order.currency_id.name,
            reasons=f" ({reasons})" if reasons else "",
        )
        order.message_post(body=message)
        self._add_checkpoint_once(order, message)

    def _checkpoint_apart(self, record, message):
        """A checkpoint on ``record`` committed on its own: the job fails
        right after, rolling back its transaction."""
        backend = self.backend_record
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            add_checkpoint_once(
                env, record.with_env(env), backend.with_env(env), message
            )

    def _add_checkpoint_once(self, record, message):
        """A checkpoint on ``record`` carrying ``message``; an open one is reused."""
        return add_checkpoint_once(self.env, record, self.backend_record, message)


def add_checkpoint_once(env, record, backend, message):
    """A checkpoint on ``record`` for ``backend`` carrying ``message`` in its
    chatter; the open checkpoint of that record is reused::

        add_checkpoint_once(env, order, backend, "Refund of 12.00 EUR")
    """
    checkpoints = env["connector.checkpoint"].sudo()
    checkpoint = checkpoints.search(
        [
            ("model_name", "=", record._name),
            ("record_id", "=", record.id),
            ("state", "=", "need_review"),
        ],
        limit=1,
    )
    if not checkpoint:
        checkpoint = add_checkpoint(
            env, record._name, record.id, backend._name, backend.id
        ).sudo()
    checkpoint.message_post(body=message)
    return checkpoint


class DemoShopBatchImporter(AbstractComponent):
    """List the shop records to import and enqueue one job per record.

    Products and orders are listed with ``modified_after`` from the
    watermark kept on the backend (``_watermark_field``), ordered by
    modification date; customers have no such filter in the shop's API and
    are fully scanned by id.
    """

    _name = "demo.shop.batch.importer"
    _inherit = ["generic.batch.importer", "demo.shop.base"]
    _page_size = 100  # the largest page the shop's API serves
    _remote_date_key = "date_modified_gmt"

    def _list_page(self, since, offset, limit, filters):
        params = {"orderby": "id", "order": "asc", "offset": offset, "per_page": limit}
        if self._list_by_date:
            params["orderby"] = "modified"
        if since:
            # the shop's date filters take naive UTC dates with dates_are_gmt
            params.update(modified_after=since.isoformat(), dates_are_gmt="true")
        params.update(filters or {})
        return self.backend_adapter.search_page(params)

    def _get_overlap_seconds(self):
        return self.backend_record._import_overlap_seconds


class DemoShopCustomerBatchImporter(Component):
    _name = "demo.shop.res.partner.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.res.partner"
    _list_by_date = False  # the shop's API has no modified_after for customers
    _scan_date_field = "import_customers_date"


class DemoShopProductBatchImporter(Component):
    _name = "demo.shop.product.product.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.product.product"
    _watermark_field = "import_products_since"
    _record_job_priority = 15


class DemoShopOrderBatchImporter(Component):
    _name = "demo.shop.sale.order.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.sale.order"
    _watermark_field = "import_orders_since"

    def _prefetch_chunk(self, remote_records):
        # the customers and the products (or variations) of the chunk's
        # orders, the customers' contacts (an order's delivery address), and
        # what a new order reads of its customer as the backend's company (the
        # fiscal position: company-dependent fields; the analytic
        # distribution: the tags)
        customers, products = [], []
        for record in remote_records:
            customers.append(record.get("customer_id"))
            items = record.get("line_items")
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict):
                    products += [item.get("variation_id"), item.get("product_id")]
        bindings = self._prefetch_bindings("demo.shop.res.partner", customers)
        partners = bindings.odoo_id.with_env(self.env)
        partners.child_ids.fetch()
        partners.fetch(["category_id"])
        company_dependent = [
            name for name, field in partners._fields.items() if field.company_dependent
        ]
        (partners | partners.child_ids).with_company(
            self.backend_record.company_id
        ).fetch(company_dependent)
        self._prefetch_bindings("demo.shop.product.product", products)
