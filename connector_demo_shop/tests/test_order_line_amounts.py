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
        """Line subtotals and order totals equal the shop's to the cent, rounding
        per line or globally, and unit price x quantity is the shop's subtotal."""
        self.product = self.env["product.product"].create({"name": "Amounts test"})
        self.partner = self.env["res.partner"].create({"name": "Amounts test"})
        company = self.backend.company_id
        for rounding in ("round_globally", "round_per_line"):
            company.tax_calculation_rounding_method = rounding
            for name, lines in DRIFTING_ORDERS.items():
                with self.subTest(rounding=rounding, order=name):
                    order = self._order(lines)
                    expected = sum(Decimal(total) for _q, _s, total in lines)
                    self.assertEqual(_cents(order.amount_total), expected)
                    for line, (_qty, subtotal, total) in zip(
                        order.order_line, lines, strict=True
                    ):
                        self.assertEqual(_cents(line.price_subtotal), Decimal(total))
                        self.assertEqual(
                            _cents(line.price_unit * line.product_uom_qty),
                            Decimal(subtotal),
                        )
