# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Variable products and their variations, on the shop's realistic data."""

from odoo.addons.connector.exception import InvalidDataError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SHOP_SEED, DemoShopCase

PRODUCT = "demo.shop.product.product"
TEMPLATE = "demo.shop.product.template"


class TestImportVariation(DemoShopCase):
    reset_shop_each_test = False

    def setUp(self):
        super().setUp()
        self.shop_admin(
            "POST", "/demo-shop/reset", json={"seed": SHOP_SEED, "profile": "realistic"}
        )
        self.addCleanup(self.shop_admin, "DELETE", "/demo-shop/clock")
        self.shirt = self.shop_variable("Organic Cotton T-shirt")
        self.mug = self.shop_variable("Stoneware Mug")

    def later(self):
        """Move the shop's clock on: its next changes are newer than the
        dates the last import saw (the shop's dates have seconds)."""
        self.shop_admin("POST", "/demo-shop/clock", json={"offset": 120})

    def shop_variable(self, name):
        for product in self.shop_get("/products", type="variable", per_page=100):
            if product["name"] == name:
                return product
        raise AssertionError(f"The realistic shop has no variable product {name!r}")

    def shop_variations(self, product):
        return self.shop_get(f"/products/{product['id']}/variations", per_page=100)

    def variant_options(self, variant):
        return {
            value.attribute_id.name: value.name
            for value in variant.product_template_attribute_value_ids
        }

    def assert_bound_to_its_variant(self, template, variation):
        binding = self.binding(PRODUCT, variation["id"])
        self.assertTrue(binding, f"variation {variation['id']} is not bound")
        self.assertEqual(binding.odoo_id.product_tmpl_id, template)
        self.assertEqual(
            self.variant_options(binding.odoo_id),
            {entry["name"]: entry["option"] for entry in variation["attributes"]},
        )
        self.assertEqual(binding.default_code, variation["sku"])
        self.assertAlmostEqual(
            binding.odoo_id.lst_price, float(variation["regular_price"]), places=2
        )
        return binding

    def test_variable_product_is_one_template_with_its_variants(self):
        """A variable product: one template, one variant per variation, each
        variation bound to the variant with its attribute value and price."""
        self.import_record(PRODUCT, self.shirt["id"])
        template_binding = self.binding(TEMPLATE, self.shirt["id"])
        self.assertTrue(template_binding)
        template = template_binding.odoo_id
        self.assertEqual(template.name, "Organic Cotton T-shirt")
        self.assertFalse(self.binding(PRODUCT, self.shirt["id"]))
        line = template.attribute_line_ids
        self.assertEqual(line.attribute_id.name, "Size")
        self.assertEqual(sorted(line.value_ids.mapped("name")), ["L", "M", "S"])
        self.assertEqual(len(template.product_variant_ids), 3)
        variations = self.shop_variations(self.shirt)
        self.assertEqual(len(variations), 3)
        variants = self.env["product.product"]
        for variation in variations:
            variants |= self.assert_bound_to_its_variant(template, variation).odoo_id
        self.assertEqual(variants, template.product_variant_ids)

    def test_variation_alone_imports_its_parent(self):
        """An order's variation_id imported on its own: read on the products
        endpoint, its parent's template imported first, bound to its variant."""
        variation = self.shop_variations(self.mug)[1]
        self.import_record(PRODUCT, variation["id"])
        template = self.binding(TEMPLATE, self.mug["id"]).odoo_id
        self.assertEqual(len(template.product_variant_ids), 2)
        self.assert_bound_to_its_variant(template, variation)
        # only that variation was imported
        other = self.shop_variations(self.mug)[0]
        self.assertFalse(self.binding(PRODUCT, other["id"]))

    def test_new_option_in_the_shop_adds_a_variant(self):
        """A variation whose option the template lacks re-imports the parent's
        attributes: a new value and variant, bound to the variation."""
        self.import_record(PRODUCT, self.shirt["id"])
        created = self.shop_post(
            f"/products/{self.shirt['id']}/variations",
            {
                "sku": "TEE-ORG-XL",
                "regular_price": "28.40",
                "attributes": [{"name": "Size", "option": "XL"}],
            },
        )
        self.import_record(PRODUCT, created["id"])
        template = self.binding(TEMPLATE, self.shirt["id"]).odoo_id
        self.assertEqual(len(template.product_variant_ids), 4)
        self.assert_bound_to_its_variant(template, created)
        for variation in self.shop_variations(self.shirt):
            self.assert_bound_to_its_variant(template, variation)

    def test_order_line_with_variation_lands_on_its_variant(self):
        order = next(
            order
            for order in self.shop_get("/orders", per_page=100)
            if any(item["variation_id"] for item in order["line_items"])
        )
        self.import_record("demo.shop.sale.order", order["id"])
        binding = self.binding("demo.shop.sale.order", order["id"])
        self.assertTrue(binding)
        for item in order["line_items"]:
            line = self.binding("demo.shop.sale.order.line", item["id"])
            expected = self.binding(
                PRODUCT, item["variation_id"] or item["product_id"]
            ).odoo_id
            self.assertTrue(expected)
            self.assertEqual(line.product_id, expected)
            if item["variation_id"]:
                self.assertNotEqual(
                    line.product_id.product_tmpl_id.product_variant_count, 1
                )

    def test_variation_price_follows_a_product_webhook(self):
        """A product.updated delivery of the variable product (its job imports
        the product's id) updates the price of a changed variation's variant."""
        self.import_record(PRODUCT, self.shirt["id"])
        variation = self.shop_variations(self.shirt)[0]
        self.later()
        self.shop_put(
            f"/products/{self.shirt['id']}/variations/{variation['id']}",
            {"regular_price": "31.15"},
        )
        self.import_record(PRODUCT, self.shirt["id"])
        variant = self.binding(PRODUCT, variation["id"]).odoo_id
        self.assertAlmostEqual(variant.lst_price, 31.15, places=2)
        # the others keep the shop's prices
        template = variant.product_tmpl_id
        for other in self.shop_variations(self.shirt):
            self.assert_bound_to_its_variant(template, other)

    def test_variation_price_follows_a_variation_webhook(self):
        """A delivery naming the variation's id updates its variant alone."""
        self.import_record(PRODUCT, self.mug["id"])
        variation = self.shop_variations(self.mug)[1]
        self.later()
        self.shop_put(
            f"/products/{self.mug['id']}/variations/{variation['id']}",
            {"regular_price": "12.05"},
        )
        self.import_record(PRODUCT, variation["id"])
        variant = self.binding(PRODUCT, variation["id"]).odoo_id
        self.assertAlmostEqual(variant.lst_price, 12.05, places=2)
        other = self.shop_variations(self.mug)[0]
        self.assertAlmostEqual(
            self.binding(PRODUCT, other["id"]).odoo_id.lst_price, 14.50, places=2
        )

    def test_batch_reimports_the_variations_of_a_changed_product(self):
        """The product batch lists a variable product changed since the last
        scan; its job updates the variant of the changed variation."""
        model = self.env[PRODUCT]
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            trap.perform_enqueued_jobs()
        template = self.binding(TEMPLATE, self.shirt["id"]).odoo_id
        self.assertEqual(len(template.product_variant_ids), 3)
        variation = self.shop_variations(self.shirt)[2]
        self.later()
        self.shop_put(
            f"/products/{self.shirt['id']}/variations/{variation['id']}",
            {"regular_price": "27.35"},
        )
        with trap_jobs() as trap:
            model.import_batch(self.backend)
            external_ids = [job.args[1] for job in trap.enqueued_jobs]
            self.assertIn(str(self.shirt["id"]), external_ids)
            self.assertNotIn(str(self.mug["id"]), external_ids)
            trap.perform_enqueued_jobs()
        variant = self.binding(PRODUCT, variation["id"]).odoo_id
        self.assertAlmostEqual(variant.lst_price, 27.35, places=2)

    def test_malformed_attributes_name_the_product_and_field(self):
        """Attribute options that are not a list: a clear error naming the
        product, the attribute and the field; nothing is created."""
        record = dict(
            self.shirt,
            attributes=[dict(self.shirt["attributes"][0], options="S|M|L")],
        )
        with self.backend.work_on(TEMPLATE) as work:
            importer = work.component(usage="record.importer")
            importer.prefetched_record = record
            with self.assertRaises(InvalidDataError) as caught:
                importer.run(str(self.shirt["id"]))
        message = str(caught.exception)
        self.assertIn(f"Demo Shop Variable Product {self.shirt['id']}", message)
        self.assertIn("attribute 'Size'", message)
        self.assertIn("field 'options' must be", message)
        self.assertFalse(self.binding(TEMPLATE, self.shirt["id"]))

    def test_cheaper_new_variation_keeps_the_other_prices(self):
        """A new variation cheaper than the others, imported alone: its
        variant has its price and the other variants keep theirs."""
        self.import_record(PRODUCT, self.shirt["id"])
        created = self.shop_post(
            f"/products/{self.shirt['id']}/variations",
            {
                "sku": "TEE-ORG-XS",
                "regular_price": "19.90",
                "attributes": [{"name": "Size", "option": "XS"}],
            },
        )
        self.import_record(PRODUCT, created["id"])
        template = self.binding(TEMPLATE, self.shirt["id"]).odoo_id
        for variation in self.shop_variations(self.shirt):
            self.assert_bound_to_its_variant(template, variation)
