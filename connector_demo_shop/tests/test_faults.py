# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.connector.exception import NetworkRetryableError
from odoo.addons.connector_demo_shop.exception import (
    DemoShopAPIError,
    DemoShopAuthenticationError,
)
from odoo.addons.queue_job.exception import RetryableJobError

from .common import DemoShopCase


class TestFaults(DemoShopCase):
    def setUp(self):
        super().setUp()
        self.customer = self.shop_get("/customers", orderby="id", per_page=1)[0]

    def _import_customer(self):
        return self.import_record("demo.shop.res.partner", self.customer["id"])

    def _assert_retried(self, seconds=None):
        """The import is postponed by ``seconds``, or, when None, by the first
        step of the jittered backoff (between 1 and 2 s for a first try)."""
        with self.assertRaises(RetryableJobError) as caught:
            self._import_customer()
        # the retry policy postpones the job; the shop's error is its cause
        self.assertIsInstance(caught.exception.__cause__, NetworkRetryableError)
        if seconds is None:
            self.assertTrue(1 <= caught.exception.seconds <= 2, caught.exception)
        else:
            self.assertEqual(caught.exception.seconds, seconds)
        self.assertFalse(self.binding("demo.shop.res.partner", self.customer["id"]))
        return caught.exception

    def test_429_postpones_by_retry_after(self):
        """A 429 with Retry-After postpones the job by exactly that many seconds."""
        self.inject_fault("429", retry_after=37)
        error = self._assert_retried(seconds=37)
        self.assertIn("429", str(error))

    def test_503_postpones_by_retry_after(self):
        """A 503 page from the host postpones the job by its Retry-After."""
        self.inject_fault("503", retry_after=120)
        self._assert_retried(seconds=120)

    def test_500_and_502_are_retried_with_backoff(self):
        """A 500 or a 502 without Retry-After is retried after a short backoff."""
        self.inject_fault("500")
        self._assert_retried(seconds=None)
        self.inject_fault("502")
        self._assert_retried(seconds=None)

    def test_malformed_json_is_retried(self):
        """A truncated JSON body is a transport error: retried, nothing imported."""
        self.inject_fault("malformed_json")
        error = self._assert_retried()
        self.assertIn("not JSON", str(error))

    def test_dropped_connection_is_retried(self):
        """A connection closed without an answer is retried."""
        self.inject_fault("drop")
        error = self._assert_retried()
        self.assertIn("dropped", str(error))

    def test_timeout_is_retried(self):
        """A shop slower than the backend's timeout is retried, not waited for."""
        self.inject_fault("timeout", delay=12)
        error = self._assert_retried()
        self.assertIn("timed out", str(error))

    def test_work_succeeds_once_the_fault_is_gone(self):
        """After a retryable fault, the same job body imports the record."""
        self.inject_fault("503", retry_after=1)
        self._assert_retried(seconds=1)
        self.assertIn("Imported", self._import_customer())

    def test_wrong_secret_fails_with_clear_message(self):
        """A 401 fails the job (no retry) and says to fix the key or secret."""
        self.backend.consumer_secret = "cs_wrong"
        with self.assertRaisesRegex(
            DemoShopAuthenticationError, "401.*consumer key or secret"
        ):
            self._import_customer()

    def test_incapable_key_fails_with_403(self):
        """A key whose user lacks the capability (403) fails the job for good."""
        self.shop_admin(
            "POST",
            "/demo-shop/keys",
            json={
                "consumer_key": "ck_incapable",
                "consumer_secret": "cs_incapable",
                "permissions": "read_write",
                "capable": False,
            },
        )
        self.backend.write(
            {"consumer_key": "ck_incapable", "consumer_secret": "cs_incapable"}
        )
        with self.assertRaises(DemoShopAuthenticationError) as caught:
            self._import_customer()
        self.assertEqual(caught.exception.status, 403)

    def test_read_only_key_cannot_export(self):
        """Writing with a read-only key fails the export with the shop's reason."""
        self._import_customer()
        binding = self.binding("demo.shop.res.partner", self.customer["id"])
        self.shop_admin(
            "POST",
            "/demo-shop/keys",
            json={
                "consumer_key": "ck_ro",
                "consumer_secret": "cs_ro",
                "permissions": "read",
            },
        )
        self.backend.write({"consumer_key": "ck_ro", "consumer_secret": "cs_ro"})
        with self.assertRaisesRegex(DemoShopAuthenticationError, "write permission"):
            binding.export_record(fields=["city"])

    def test_invalid_data_fails_permanently(self):
        """A 400 answer (e-mail used by another customer) fails without retry."""
        self._import_customer()
        binding = self.binding("demo.shop.res.partner", self.customer["id"])
        other = self.shop_get("/customers", orderby="id", per_page=2)[1]
        binding.with_context(connector_no_export=True).email = other["email"]
        with self.assertRaises(DemoShopAPIError) as caught:
            binding.export_record(fields=["email"])
        self.assertEqual(caught.exception.status, 400)

    def test_order_dependency_fault_writes_nothing(self):
        """A fault on an order's product aborts the job: no customer, product, order."""
        order = self.shop_order_with(status="completed")
        self.inject_fault("503", retry_after=30, path_prefix="/wp-json/wc/v3/products/")
        with self.assertRaises(RetryableJobError), self.env.cr.savepoint():
            self.import_record("demo.shop.sale.order", order["id"])
        # the job's transaction is what the savepoint stands for: rolled back
        self.assertFalse(self.binding("demo.shop.sale.order", order["id"]))
        self.assertFalse(self.binding("demo.shop.res.partner", order["customer_id"]))
        self.assertFalse(
            self.env["demo.shop.product.product"].search(
                [("backend_id", "=", self.backend.id)]
            )
        )

    def test_latency_below_timeout_is_waited_for(self):
        """A slow answer within the backend's timeout is a normal answer."""
        self.inject_fault("latency", delay=1)
        self.assertIn("Imported", self._import_customer())
