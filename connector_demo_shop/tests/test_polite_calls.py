# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Polite calls: the shop's 429 and 5xx answers and the backend's rate limit,
met by real queue jobs (``Job.perform``, as the job runner calls it).

The retry policy itself (backoff, jitter, postponements not counted as a
try) is the framework's, tested in ``test_connector``; the fault modes of
the shop, each met by the job's body, are in ``test_faults``. Here: what the
job makes of the shop's answers.
"""

from datetime import timedelta

from odoo import fields

from odoo.addons.connector.exception import NetworkRetryableError
from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job

from .common import DemoShopCase

MODEL = "demo.shop.res.partner"


class TestPoliteCalls(DemoShopCase):
    reset_shop_each_test = False

    def setUp(self):
        super().setUp()
        self.customer_id = str(
            self.shop_get("/customers", orderby="id", per_page=1)[0]["id"]
        )
        self.addCleanup(self._delete_rate_window)

    def _delete_rate_window(self):
        # the limiter commits its window in its own transaction
        with self.env.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM connector_rate_limit"
                " WHERE backend_model = %s AND backend_id = %s",
                (self.backend._name, self.backend.id),
            )

    def _job(self, tries_done=0, max_retries=5):
        """An import_record job, loaded as the job runner loads it, as if it
        already ran ``tries_done`` times."""
        delayed = (
            self.env[MODEL]
            .with_delay(max_retries=max_retries)
            .import_record(self.backend, self.customer_id)
        )
        job = Job.load(self.env, delayed.uuid)
        job.retry = tries_done
        job.store()
        return Job.load(self.env, delayed.uuid)

    def _perform(self, job, error_class=RetryableJobError):
        """Perform ``job`` (its method runs with the job's uuid in its
        context); return the error it raised."""
        with self.assertRaises(error_class) as raised, self.env.cr.savepoint():
            job.perform()
        return raised.exception

    def _requests_counter(self):
        """A no-op fault on every API request: its remaining uses count them."""
        self.inject_fault("latency", delay=0, count=100)

        def requests_made():
            faults = self.shop_admin("GET", "/demo-shop/faults")["faults"]
            return 100 - sum(fault["count"] for fault in faults)

        return requests_made

    def test_503_retry_after_as_http_date(self):
        """A 503 whose Retry-After is an HTTP date postpones the job until
        then, using one of its tries."""
        moment = fields.Datetime.now() + timedelta(seconds=120)
        self.inject_fault(
            "503", retry_after=moment.strftime("%a, %d %b %Y %H:%M:%S GMT")
        )
        job = self._job()
        error = self._perform(job)
        self.assertIsInstance(error.__cause__, NetworkRetryableError)
        self.assertIn("answered 503", str(error))
        self.assertAlmostEqual(error.seconds, 120, delta=3)
        self.assertEqual(job.retry, 1)

    def test_retry_after_within_backend_cap(self):
        """A Retry-After of 1 h 30 is obeyed by a backend accepting 2 h, and
        cut to the default hour otherwise."""
        for cap, expected in ((7200, 5400), (3600, 3600)):
            with self.subTest(cap=cap):
                self.backend.retry_after_cap = cap
                self.inject_fault("429", retry_after=5400)
                self.assertEqual(self._perform(self._job()).seconds, expected)

    def test_last_try_fails_with_the_shop_error(self):
        """On its last try, the job fails with the shop's last error in its message."""
        self.inject_fault("502")
        error = self._perform(self._job(tries_done=2, max_retries=3), FailedJobError)
        self.assertIn("after 3 tries", str(error))
        self.assertIn(f"customers/{self.customer_id}", str(error))
        self.assertIn("answered 502", str(error))

    def test_rate_limit_postpones_without_request(self):
        """At 1 call per 60 s, a second job is postponed before any request,
        without using one of its tries."""
        self.backend.write(
            {"rate_limit_calls": 1, "rate_limit_period": 60, "rate_limit_max_wait": 0}
        )
        requests_made = self._requests_counter()
        self.assertIn("Imported", self.import_record(MODEL, self.customer_id))
        self.assertEqual(requests_made(), 1)
        job = self._job(tries_done=1)
        error = self._perform(job)
        self.assertTrue(error.ignore_retry)
        self.assertEqual(job.retry, 1)
        # the wait (the rest of the 60 s window) plus up to one period of jitter
        self.assertGreater(error.seconds, 0)
        self.assertLessEqual(error.seconds, 120)
        self.assertEqual(requests_made(), 1)

    def test_each_page_takes_a_slot(self):
        """Listing takes one slot per page: the third page of a 2-call rate waits."""
        self.backend.write(
            {"rate_limit_calls": 2, "rate_limit_period": 60, "rate_limit_max_wait": 0}
        )
        requests_made = self._requests_counter()
        with self.backend.work_on("demo.shop.product.product") as work:
            adapter = work.component(usage="backend.adapter")
            adapter.client.per_page = 25
            with self.assertRaises(RetryableJobError) as caught:
                list(adapter.search({"orderby": "id"}))
        self.assertTrue(caught.exception.ignore_retry)
        self.assertEqual(requests_made(), 2)

    def test_check_connection_is_not_limited(self):
        """The backend's Check connection button calls the shop outside of the limit."""
        self.backend.write({"rate_limit_calls": 1, "rate_limit_period": 60})
        self.import_record(MODEL, self.customer_id)
        action = self.backend.action_check_connection()
        self.assertIn("works", action["params"]["message"])
