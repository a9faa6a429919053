# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.exceptions import UserError, ValidationError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase


class TestBackend(DemoShopCase):
    reset_shop_each_test = False

    def test_check_connection(self):
        """Check connection reaches the shop and reports bad credentials clearly."""
        action = self.backend.action_check_connection()
        self.assertEqual(action["params"]["type"], "success")
        self.backend.consumer_secret = "cs_wrong"
        with self.assertRaisesRegex(UserError, "consumer key or secret"):
            self.backend.action_check_connection()

    def test_missing_credentials(self):
        """Buttons refuse to run without a key pair and say what to fill."""
        self.backend.consumer_key = False
        with self.assertRaisesRegex(UserError, "consumer key or secret is missing"):
            self.backend.action_import_products()

    def test_import_buttons_enqueue_batches(self):
        """Each import button enqueues its batch job; import all enqueues three."""
        buttons = {
            "demo.shop.res.partner": self.backend.action_import_customers,
            "demo.shop.product.product": self.backend.action_import_products,
            "demo.shop.sale.order": self.backend.action_import_orders,
        }
        for model_name, button in buttons.items():
            with trap_jobs() as trap:
                button()
                trap.assert_jobs_count(1)
                trap.assert_enqueued_job(
                    self.env[model_name].import_batch,
                    args=(self.backend,),
                    kwargs={"filters": {}},
                )
        with trap_jobs() as trap:
            self.backend.action_import_all()
            trap.assert_jobs_count(3)
        # chained, so that the batches never write the backend row together
        jobs = {job.recordset._name: job for job in trap.enqueued_jobs}
        customers, products, orders = (jobs[name] for name in buttons)
        self.assertIn(customers, products.depends_on)
        self.assertIn(products, orders.depends_on)

    def test_schedulers_enqueue_for_each_backend(self):
        """A scheduled import enqueues a batch per configured backend, skips others."""
        other = self.backend.copy(
            {"name": "Other Shop", "consumer_key": "ck", "consumer_secret": "cs"}
        )
        self.backend.copy({"name": "Unconfigured Shop"})  # no key: skipped
        with trap_jobs() as trap:
            self.env["demo.shop.backend"]._scheduler_import_orders()
            trap.assert_jobs_count(2)
            trap.assert_enqueued_job(
                self.env["demo.shop.sale.order"].import_batch,
                args=(self.backend,),
                kwargs={"filters": {}},
            )
            trap.assert_enqueued_job(
                self.env["demo.shop.sale.order"].import_batch,
                args=(other,),
                kwargs={"filters": {}},
            )
        crons = (
            self.env["ir.cron"]
            .with_context(active_test=False)
            .search(
                [
                    ("model_id.model", "=", "demo.shop.backend"),
                    # the webhook check is active; the polling imports are not
                    ("code", "like", "_scheduler_import"),
                ]
            )
        )
        self.assertEqual(len(crons), 3)
        self.assertFalse(any(crons.mapped("active")))

    def test_setup_demo_backend_is_reused(self):
        """The shell helper creates the "Demo Shop" backend once, then updates it."""
        model = self.env["demo.shop.backend"]
        first = model._setup_demo_backend(self.shop_url, "ck_1", "cs_1")
        second = model._setup_demo_backend(self.shop_url, "ck_2", "cs_2")
        self.assertEqual(first, second)
        self.assertEqual(second.name, "Demo Shop")
        self.assertEqual(second.consumer_key, "ck_2")

    def test_plain_http_only_on_loopback(self):
        """A shop URL in plain http is refused unless it is on loopback."""
        with self.assertRaisesRegex(ValidationError, "https://"):
            self.backend.url = "http://shop.example.com"
        self.backend.url = "https://shop.example.com"
        self.backend.url = "http://localhost:8900"
