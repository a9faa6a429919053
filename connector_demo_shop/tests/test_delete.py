# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import requests

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import API, DemoShopCase


class TestDelete(DemoShopCase):
    def test_deleting_partner_deletes_customer(self):
        """Deleting a bound partner enqueues, then runs, the customer's deletion
        (under the "delete" policy)."""
        self.backend.remote_delete_policy = "delete"
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.import_record("demo.shop.res.partner", customer["id"])
        binding = self.binding("demo.shop.res.partner", customer["id"])
        model = self.env["demo.shop.res.partner"]
        with trap_jobs() as trap:
            binding.odoo_id.unlink()
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                model.sudo().export_delete_record,
                args=(self.backend, str(customer["id"])),
            )
            trap.perform_enqueued_jobs()
        response = requests.get(
            f"{self.shop_url}{API}/customers/{customer['id']}",
            auth=(self.shop_key, self.shop_secret),
            timeout=10,
        )
        self.assertEqual(response.status_code, 404)

    def test_deleting_product_binding_trashes_product(self):
        """Deleting a product binding moves the shop product to the trash
        (under the "archive" policy)."""
        self.backend.remote_delete_policy = "archive"
        product = self.shop_get("/products", per_page=1)[0]
        self.import_record("demo.shop.product.product", product["id"])
        with trap_jobs() as trap:
            self.binding("demo.shop.product.product", product["id"]).unlink()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.shop_get(f"/products/{product['id']}")["status"], "trash")

    def test_delete_of_missing_record_succeeds(self):
        """Deleting a customer the shop no longer has ends the job without error."""
        self.backend.remote_delete_policy = "delete"
        result = self.env["demo.shop.res.partner"].export_delete_record(
            self.backend, "999999"
        )
        self.assertIn("already deleted", result)
