# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Orders as an accountant reads them: taxes, discounts, fees, coupons,
shipping, currency, dates, addresses, statuses and refunds, compared with
the shop's JSON to the cent."""

from decimal import Decimal

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.connector.components.mapper import parse_remote_date
from odoo.addons.connector.exception import MappingError

from .common import DemoShopCase


def _dec(value):
    return Decimal(str(value)).quantize(Decimal("0.01"))


class OrderAccountingCase(DemoShopCase):
    reset_shop_each_test = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orders = cls._all_shop_orders()

    @classmethod
    def _all_shop_orders(cls):
        orders, page = [], 1
        while True:
            batch = cls.shop_get("/orders", per_page=100, page=page)
            orders += batch
            if len(batch) < 100:
                return orders
            page += 1

    def order_where(self, predicate):
        for order in self.orders:
            if predicate(order):
                return order
        raise AssertionError("No order of the seeded shop matches")

    def import_order(self, order):
        self.import_record("demo.shop.sale.order", order["id"])
        return self.binding("demo.shop.sale.order", order["id"])

    def assertTotalsEqual(self, binding, order):
        total, tax = Decimal(order["total"]), Decimal(order["total_tax"])
        self.assertEqual(
            (
                _dec(binding.amount_untaxed),
                _dec(binding.amount_tax),
                _dec(binding.amount_total),
            ),
            (total - tax, tax, total),
            f"order {order['id']}",
        )

    def checkpoints(self, record):
        return self.env["connector.checkpoint"].search(
            [("model_name", "=", record._name), ("record_id", "=", record.id)]
        )

    def checkpoint_text(self, record):
        return " ".join(
            self.checkpoints(record).message_ids.mapped(
                lambda message: str(message.body)
            )
        )


class TestOrderTaxes(OrderAccountingCase):
    def test_taxed_orders_equal_shop_totals(self):
        """Every taxed order (prices with and without tax, shipping and fee
        taxes) has the shop's untaxed amount, tax and total to the cent."""
        taxed = [order for order in self.orders if Decimal(order["total_tax"])]
        self.assertTrue(any(order["prices_include_tax"] for order in taxed))
        self.assertTrue(any(not order["prices_include_tax"] for order in taxed))
        for order in taxed:
            with self.subTest(order=order["id"]):
                binding = self.import_order(order)
                self.assertTotalsEqual(binding, order)
                self.assertNotIn("Totals differ", self.checkpoint_text(binding.odoo_id))

    def test_totals_name_each_shop_tax(self):
        """The order's totals show each of the shop's taxes under its own name
        (its tax group), not under a group of the chart of accounts."""
        order = self.order_where(
            lambda o: o["prices_include_tax"] and len(o["tax_lines"]) > 1
        )
        binding = self.import_order(order)
        taxes = binding.odoo_id.order_line.tax_ids
        self.assertGreater(len(taxes), 1)
        for tax in taxes:
            self.assertEqual(tax.tax_group_id.name, tax.name)
        groups = [
            group["group_name"]
            for subtotal in binding.odoo_id.tax_totals["subtotals"]
            for group in subtotal["tax_groups"]
        ]
        self.assertEqual(sorted(groups), sorted(taxes.mapped("name")))

    def test_rates_mapped_per_backend(self):
        """An unmapped rate creates a tax of its percent and label, price-
        included following the order; shipping taxes never include."""
        order = self.order_where(
            lambda o: o["prices_include_tax"] and o["shipping_lines"]
        )
        binding = self.import_order(order)
        rates = self.backend.tax_rate_ids
        for tax_line in order["tax_lines"]:
            rows = rates.filtered(
                lambda r, t=tax_line: r.external_id == str(t["rate_id"])
            )
            self.assertTrue(rows)
            for row in rows:
                self.assertEqual(row.tax_id.amount, tax_line["rate_percent"])
                self.assertIn(tax_line["label"], row.tax_id.name)
                self.assertEqual(row.tax_id.price_include, row.price_include)
                self.assertEqual(row.tax_id.company_id, self.backend.company_id)
        item_taxes = binding.demo_shop_order_line_ids.tax_ids
        self.assertTrue(item_taxes)
        self.assertTrue(all(item_taxes.mapped("price_include")))
        shipping = binding.order_line.filtered(
            lambda line: line.product_id == self.backend.shipping_product_id
        )
        self.assertTrue(shipping.tax_ids)
        self.assertFalse(any(shipping.tax_ids.mapped("price_include")))

    def test_company_without_fiscal_country_is_a_clear_error(self):
        """A taxed order of a company whose accounting is not set up fails with
        a message naming the backend, the company and what to do."""
        order = self.order_where(lambda o: Decimal(o["total_tax"]))
        self.backend.company_id.account_fiscal_country_id = False
        with self.assertRaisesRegex(UserError, "has no fiscal country"):
            self.import_order(order)

    def test_mapped_tax_is_used(self):
        """A rate mapped by hand uses that tax; when it cannot give the shop's
        totals, a checkpoint says both totals."""
        order = self.order_where(
            lambda o: not o["prices_include_tax"] and Decimal(o["total_tax"])
        )
        rate = order["tax_lines"][0]
        other = self.env["account.tax"].create(
            {
                "name": "Wrong rate 1%",
                "amount": 1,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": self.backend.company_id.id,
                "tax_group_id": self.env["demo.shop.tax.rate"]
                ._get_tax_group(self.backend.company_id)
                .id,
            }
        )
        self.env["demo.shop.tax.rate"].create(
            {
                "backend_id": self.backend.id,
                "external_id": str(rate["rate_id"]),
                "price_include": False,
                "tax_id": other.id,
            }
        )
        binding = self.import_order(order)
        self.assertIn(other, binding.order_line.tax_ids)
        text = self.checkpoint_text(binding.odoo_id)
        self.assertIn(f"total {_dec(binding.amount_total)}", text)
        self.assertIn(
            f"shop untaxed {Decimal(order['total']) - Decimal(order['total_tax'])}",
            text,
        )
        self.assertIn(f"total {order['total']}", text)


class TestOrderDiscountsFeesShipping(OrderAccountingCase):
    def test_discounted_lines(self):
        """A line's coupon or sale discount is in Odoo's discount column, the
        unit price is the shop's at the currency's decimals."""
        orders = [
            order
            for order in self.orders
            if any(i["subtotal"] != i["total"] for i in order["line_items"])
        ][:5]
        self.assertTrue(orders)
        for order in orders:
            binding = self.import_order(order)
            self.assertTotalsEqual(binding, order)
            for item in order["line_items"]:
                line = binding.demo_shop_order_line_ids.filtered(
                    lambda line, i=item: line.external_id == str(i["id"])
                )
                taxed = sum(Decimal(t["total"]) for t in item["taxes"])
                self.assertEqual(
                    _dec(
                        line.price_total
                        if order["prices_include_tax"]
                        else line.price_subtotal
                    ),
                    Decimal(item["total"])
                    + (taxed if order["prices_include_tax"] else 0),
                )
                self.assertEqual(_dec(line.price_unit), Decimal(repr(line.price_unit)))
                if item["subtotal"] != item["total"]:
                    self.assertGreater(line.discount, 0)

    def test_coupons_fees_shipping(self):
        """Coupons show as note lines with code and amount; fees (also
        negative) and every shipping line are order lines with their taxes."""
        for order in (
            self.order_where(lambda o: o["coupon_lines"] and o["fee_lines"]),
            self.order_where(
                lambda o: any(Decimal(f["total"]) < 0 for f in o["fee_lines"])
            ),
            self.order_where(lambda o: len(o["shipping_lines"]) > 1),
        ):
            binding = self.import_order(order)
            self.assertTotalsEqual(binding, order)
            notes = binding.order_line.filtered(lambda l: l.display_type == "line_note")
            for coupon in order["coupon_lines"]:
                self.assertTrue(
                    notes.filtered(
                        lambda n, c=coupon: (
                            c["code"] in n.name and c["discount"] in n.name
                        )
                    )
                )
            fees = binding.order_line.filtered(
                lambda l: l.product_id == self.backend.fee_product_id
            )
            self.assertEqual(
                sorted(_dec(f.price_subtotal) for f in fees),
                sorted(Decimal(f["total"]) for f in order["fee_lines"]),
            )
            shipping = binding.order_line.filtered(
                lambda l: l.product_id == self.backend.shipping_product_id
            )
            self.assertEqual(
                sorted(_dec(s.price_tax) for s in shipping),
                sorted(Decimal(s["total_tax"]) for s in order["shipping_lines"]),
            )

    def test_variation_line_product(self):
        """A line with a variation lands on the variation's binding when there
        is one, else on its product."""
        order = self.order_where(
            lambda o: any(i["variation_id"] for i in o["line_items"])
        )
        binding = self.import_order(order)
        item = next(i for i in order["line_items"] if i["variation_id"])
        line = binding.demo_shop_order_line_ids.filtered(
            lambda line: line.external_id == str(item["id"])
        )
        expected = self.binding(
            "demo.shop.product.product", item["variation_id"]
        ) or self.binding("demo.shop.product.product", item["product_id"])
        self.assertEqual(line.product_id, expected.odoo_id)


class TestOrderHeader(OrderAccountingCase):
    def test_date_currency_addresses(self):
        """Order date = shop's creation date after confirmation; the shop's
        currency; shipping address as a delivery contact; billing company."""
        order = self.order_where(
            lambda o: (
                o["status"] == "completed"
                and o["customer_id"]
                and o["billing"]["company"]
                and o["shipping"]["address_1"] != o["billing"]["address_1"]
            )
        )
        binding = self.import_order(order)
        self.assertEqual(binding.state, "sale")
        self.assertEqual(
            binding.date_order,
            fields.Datetime.to_datetime(parse_remote_date(order["date_created_gmt"])),
        )
        self.assertEqual(binding.currency_id.name, order["currency"])
        delivery = binding.partner_shipping_id
        self.assertEqual(delivery.type, "delivery")
        self.assertEqual(delivery.parent_id, binding.partner_id)
        self.assertEqual(delivery.street, order["shipping"]["address_1"])
        self.assertEqual(delivery.city, order["shipping"]["city"])
        self.assertIn(order["billing"]["company"], binding.partner_invoice_id.name)

    def test_usd_guest_order(self):
        """A guest gets a NEW partner from the billing address, never one
        found by e-mail; the order is in its own currency."""
        order = self.order_where(
            lambda o: not o["customer_id"] and o["currency"] == "USD"
        )
        existing = self.env["res.partner"].create(
            {"name": "Owner of that address", "email": order["billing"]["email"]}
        )
        binding = self.import_order(order)
        self.assertNotEqual(binding.partner_id, existing)
        self.assertEqual(binding.partner_id.email, order["billing"]["email"])
        self.assertEqual(binding.partner_id.street, order["billing"]["address_1"])
        self.assertEqual(binding.currency_id.name, "USD")
        self.assertTotalsEqual(binding, order)

    def test_inactive_currency(self):
        """An order in an inactive currency fails with an error naming it,
        and a checkpoint on the currency asks to activate it."""
        order = self.order_where(lambda o: o["currency"] == "EUR")
        # the checkpoint is committed apart from the failing job: share the
        # test's transaction with that cursor
        self.registry_enter_test_mode()
        eur = self.env.ref("base.EUR")
        eur.active = False
        try:
            self.import_record("demo.shop.sale.order", order["id"])
        except MappingError as err:
            error = str(err)
        else:
            error = ""
        self.assertIn("'EUR' is not active", error)
        self.assertIn("activate it", self.checkpoint_text(eur))
        self.assertFalse(self.binding("demo.shop.sale.order", order["id"]))


class TestOrderStatuses(OrderAccountingCase):
    reset_shop_each_test = True

    def test_status_mapping(self):
        """Each shop status gives its Odoo state."""
        expected = {
            "pending": "draft",
            "on-hold": "sale",
            "processing": "sale",
            "completed": "sale",
            "cancelled": "cancel",
            "refunded": "cancel",
            "failed": "cancel",
        }
        for status, state in expected.items():
            with self.subTest(status=status):
                order = self.order_where(lambda o, s=status: o["status"] == s)
                self.assertEqual(self.import_order(order).state, state)

    def test_cancel_of_invoiced_order(self):
        """A cancellation in the shop cancels a plain order, but only opens a
        checkpoint on an invoiced one."""
        plain = self.order_where(lambda o: o["status"] == "processing")
        invoiced = self.order_where(
            lambda o: o["status"] == "processing" and o["id"] != plain["id"]
        )
        plain_binding = self.import_order(plain)
        invoiced_binding = self.import_order(invoiced)
        invoice = invoiced_binding.odoo_id._create_invoices(final=True)
        invoice.action_post()
        for order in (plain, invoiced):
            self.shop_put(f"/orders/{order['id']}", {"status": "cancelled"})
            self.import_record("demo.shop.sale.order", order["id"], force=True)
        self.assertEqual(plain_binding.state, "cancel")
        self.assertEqual(invoiced_binding.state, "sale")
        self.assertIn("did not cancel", self.checkpoint_text(invoiced_binding.odoo_id))

    def test_refund_visible(self):
        """A refund shows its amount on the order, in its chatter and in a
        checkpoint."""
        order = self.order_where(
            lambda o: o["refunds"] and o["status"] not in ("refunded", "cancelled")
        )
        binding = self.import_order(order)
        refunded = -sum(Decimal(r["total"]) for r in order["refunds"])
        self.assertEqual(_dec(binding.demo_shop_refunded_amount), refunded)
        self.assertIn(
            str(refunded), " ".join(binding.message_ids.mapped(lambda m: str(m.body)))
        )
        self.assertIn(str(refunded), self.checkpoint_text(binding.odoo_id))
        self.assertEqual(binding.state, "sale")
