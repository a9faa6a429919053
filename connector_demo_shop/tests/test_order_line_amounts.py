# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from decimal import ROUND_HALF_UP, Decimal

from .common import DemoShopCase

# (quantity, subtotal, total) of shop line items whose discount, rounded to 2
# decimals, made Odoo's order total drift by a cent from the shop's (orders
# 172 and 297 of the demo shop seeded with 42, and made-up large lines)
DRIFTING_ORDERS = {
    "172": [
        (3, "298.74", "298.74"),
        (2, "58.46", "52.61"),
        (2, "104.84", "94.36"),
        (3, "177.54", "159.79"),
        (4, "60.00", "60.00"),
    ],
    "297": [(1, "59.00", "59.00"), (1, "118.65", "106.78"), (2, "94.00", "94.00")],
    "large": [(1, "1234.56", "1000.01"), (3, "1592.13", "1403.22")],
    "free": [(2, "10.00", "0.00"), (3, "10.00", "10.00")],
}


def _cents(amount):
    return Decimal(repr(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class TestOrderLineAmounts(DemoShopCase):
    reset_shop_each_test = False

    def _order(self, lines):
        with self.backend.work_on("demo.shop.sale.order.line") as work:
            mapper = work.component(usage="import.mapper")
            values = [
                dict(
                    mapper.amounts(
                        {"id": 1, "quantity": qty, "subtotal": sub, "total": total}
                    ),
                    product_id=self.product.id,
                    name="line",
                    tax_ids=[(6, 0, [])],
                )
                for qty, sub, total in lines
            ]
        return self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [(0, 0, vals) for vals in values],
            }
        )

    def test_order_and_line_amounts_equal_shop_totals(self):
        """Line subtotals equal the shop's line totals to the cent, rounding per
        line or globally, with unit prices at the currency's decimals and the
        discount at Odoo's own 'Discount' precision; rounding per line, the
        order total is the shop's too. A unit price the currency cannot hold
        (10.00 for 3) is the one line allowed to differ."""
        self.product = self.env["product.product"].create({"name": "Amounts test"})
        self.partner = self.env["res.partner"].create({"name": "Amounts test"})
        company = self.backend.company_id
        digits = self.env["decimal.precision"].precision_get("Discount")
        cent = Decimal("0.01")
        for rounding in ("round_globally", "round_per_line"):
            company.tax_calculation_rounding_method = rounding
            for name, lines in DRIFTING_ORDERS.items():
                with self.subTest(rounding=rounding, order=name):
                    order = self._order(lines)
                    exact = [
                        (Decimal(sub) / qty) == (Decimal(sub) / qty).quantize(cent)
                        or (Decimal(tot) / qty) == (Decimal(tot) / qty).quantize(cent)
                        for qty, sub, tot in lines
                    ]
                    expected = sum(Decimal(total) for _q, _s, total in lines)
                    if rounding == "round_per_line" and all(exact):
                        self.assertEqual(_cents(order.amount_total), expected)
                    for line, (_qty, _subtotal, total), fits in zip(
                        order.order_line, lines, exact, strict=True
                    ):
                        price = Decimal(repr(line.price_unit))
                        self.assertEqual(price, price.quantize(cent))
                        discount = Decimal(repr(line.discount))
                        self.assertEqual(
                            discount, discount.quantize(Decimal(1).scaleb(-digits))
                        )
                        if fits:
                            self.assertEqual(
                                _cents(line.price_subtotal), Decimal(total)
                            )

    def test_discount_precision_left_alone(self):
        """Installing the connector leaves the database's 'Discount' precision
        at Odoo's own default."""
        precision = self.env.ref("product.decimal_discount")
        self.assertEqual(precision.digits, 2)
