# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from .common import DemoShopCase


class TestCheckpoint(DemoShopCase):
    def _checkpoints(self, record):
        return self.env["connector.checkpoint"].search(
            [("model_id.model", "=", record._name), ("record_id", "in", record.ids)]
        )

    def test_customer_matched_by_email(self):
        """A customer with a partner's e-mail gets a new partner; the existing
        one is proposed, untouched, with a checkpoint on the proposal."""
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        partner = self.env["res.partner"].create(
            {"name": "Existing Partner", "email": customer["email"].upper()}
        )
        self.import_record("demo.shop.res.partner", customer["id"])
        binding = self.binding("demo.shop.res.partner", customer["id"])
        self.assertNotEqual(binding.odoo_id, partner)
        self.assertEqual(partner.name, "Existing Partner")
        self.assertFalse(self._checkpoints(partner))
        match = self.env["connector.partner.match"].search(
            [("partner_id", "=", partner.id)]
        )
        checkpoint = self._checkpoints(match)
        self.assertEqual(len(checkpoint), 1)
        self.assertEqual(checkpoint.backend_id, self.backend)
        self.assertEqual(checkpoint.state, "need_review")

    def test_new_customer_has_no_checkpoint(self):
        """A customer imported as a new partner needs no review."""
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        binding = self.binding("demo.shop.res.partner", customer["id"])
        self.assertFalse(self._checkpoints(binding.odoo_id))

    def test_order_line_with_created_product(self):
        """Each order line whose product the order import created gets a checkpoint."""
        order = next(
            order
            for order in self.shop_get("/orders", per_page=100)
            if len({item["product_id"] for item in order["line_items"]}) >= 2
        )
        known = order["line_items"][0]["product_id"]
        self.import_record("demo.shop.product.product", known)
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self.binding("demo.shop.sale.order", order["id"])
        for line in binding.demo_shop_order_line_ids:
            item = next(
                i for i in order["line_items"] if str(i["id"]) == line.external_id
            )
            expected = 0 if item["product_id"] == known else 1
            self.assertEqual(len(self._checkpoints(line.odoo_id)), expected, item)
