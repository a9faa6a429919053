# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""What a deletion in Odoo does in the shop follows the backend's
``remote_delete_policy``: only unbind (the default), archive or delete."""

from odoo.exceptions import AccessError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase

CUSTOMERS = "demo.shop.res.partner"
PRODUCTS = "demo.shop.product.product"


class TestDeletePolicy(DemoShopCase):
    def _imported_customer(self):
        customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.import_record(CUSTOMERS, customer["id"])
        return customer["id"], self.binding(CUSTOMERS, customer["id"])

    def _customer_status(self, customer_id):
        return self.shop.request("GET", f"customers/{customer_id}").status_code

    def test_default_policy_only_unbinds(self):
        """By default deleting a contact keeps the shop customer: no job."""
        self.assertEqual(self.backend.remote_delete_policy, "unbind")
        customer_id, binding = self._imported_customer()
        with trap_jobs() as trap:
            binding.odoo_id.unlink()
            trap.assert_jobs_count(0)
        self.assertFalse(binding.exists())
        self.assertEqual(self._customer_status(customer_id), 200)
        # a job enqueued under another policy does nothing once it is unbind
        message = self.env[CUSTOMERS].export_delete_record(
            self.backend, str(customer_id)
        )
        self.assertIn("kept", message)
        self.assertEqual(self._customer_status(customer_id), 200)

    def test_delete_policy_deletes(self):
        """With "delete" the shop customer is deleted for good."""
        self.backend.remote_delete_policy = "delete"
        customer_id, binding = self._imported_customer()
        with trap_jobs() as trap:
            binding.odoo_id.unlink()
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        self.assertEqual(self._customer_status(customer_id), 404)

    def test_archive_policy_trashes_products_keeps_customers(self):
        """With "archive" a product goes to the shop's trash; a customer,
        which the shop cannot trash, is kept."""
        self.backend.remote_delete_policy = "archive"
        product = self.shop_get("/products", per_page=1)[0]
        self.import_record(PRODUCTS, product["id"])
        with trap_jobs() as trap:
            self.binding(PRODUCTS, product["id"]).unlink()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.shop_get(f"/products/{product['id']}")["status"], "trash")
        customer_id, binding = self._imported_customer()
        with trap_jobs() as trap:
            binding.odoo_id.unlink()
            trap.perform_enqueued_jobs()
        self.assertEqual(self._customer_status(customer_id), 200)

    def test_user_without_connector_rights_cannot_delete_remotely(self):
        """A user who may delete contacts but is no connector manager only
        unbinds, and cannot run the delete job."""
        self.backend.remote_delete_policy = "delete"
        customer_id, binding = self._imported_customer()
        user = self.env["res.users"].create(
            {
                "name": "Contact Clerk",
                "login": "clerk",
                "group_ids": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("base.group_partner_manager").id,
                        ],
                    )
                ],
            }
        )
        with trap_jobs() as trap:
            binding.odoo_id.with_user(user).unlink()
            trap.assert_jobs_count(0)
        with self.assertRaisesRegex(AccessError, "only a Connector Manager"):
            self.env[CUSTOMERS].with_user(user).export_delete_record(
                self.backend, str(customer_id)
            )
        self.assertEqual(self._customer_status(customer_id), 200)
