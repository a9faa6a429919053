# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Polite calls: the backend's rate limit and the retry policy in real jobs."""

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

    def _enqueue_import(self, retry=0, max_retries=5):
        """An import_record job, as if it already ran ``retry`` times."""
        delayed = (
            self.env[MODEL]
            .with_delay(max_retries=max_retries)
            .import_record(self.backend, self.customer_id)
        )
        record = self.env["queue.job"].search([("uuid", "=", delayed.uuid)])
        record.retry = retry
        return record

    def _run_job(self, record):
        """Run a job as the job runner's controller does; return the error."""
        job = Job.load(self.env, record.uuid)
        try:
            with self.env.cr.savepoint():
                job.perform()
        except RetryableJobError as err:
            job.postpone(result=str(err), seconds=err.seconds)
            job.set_pending(reset_retry=False)
            job.store()
            return err
        except FailedJobError as err:
            job.set_failed(exc_name=type(err).__name__, exc_message=str(err))
            job.store()
            return err
        job.set_done()
        job.store()
        return None

    def _requests_counter(self):
        """A no-op fault on every API request: its remaining uses count them."""
        self.inject_fault("latency", delay=0, count=100)

        def requests_made():
            faults = self.shop_admin("GET", "/demo-shop/faults")["faults"]
            return 100 - sum(fault["count"] for fault in faults)

        return requests_made

    def test_retry_after_postpones_job_exactly(self):
        """A 429 with Retry-After: 37 postpones the job to now + 37 s, one try used."""
        record = self._enqueue_import()
        self.inject_fault("429", retry_after=37)
        before = fields.Datetime.now()
        error = self._run_job(record)
        self.assertIsInstance(error.__cause__, NetworkRetryableError)
        self.assertEqual(error.seconds, 37)
        record.invalidate_recordset()
        self.assertEqual(record.state, "pending")
        self.assertEqual(record.retry, 1)
        self.assertGreaterEqual(record.eta, before + timedelta(seconds=37))
        self.assertLessEqual(record.eta, fields.Datetime.now() + timedelta(seconds=38))
        self.assertIn("429", record.result)

    def test_503_retry_after_as_http_date(self):
        """A 503 whose Retry-After is an HTTP date postpones the job until then."""
        record = self._enqueue_import()
        moment = fields.Datetime.now() + timedelta(seconds=120)
        http_date = moment.strftime("%a, %d %b %Y %H:%M:%S GMT")
        self.inject_fault("503", retry_after=http_date)
        error = self._run_job(record)
        self.assertAlmostEqual(error.seconds, 120, delta=2)

    def test_backoff_is_jittered_and_bounded(self):
        """Without Retry-After, try n waits 1..base*2**(n-1) s at random, capped."""
        self.inject_fault("500", count=20)
        delays = []
        for __ in range(10):
            record = self._enqueue_import(retry=3)
            with self.assertRaises(RetryableJobError) as caught:
                self.env[MODEL].with_context(job_uuid=record.uuid).import_record(
                    self.backend, self.customer_id
                )
            delays.append(caught.exception.seconds)
        # 4th try: full jitter between 0 and 2 * 2**3 = 16 s (at least 1 s)
        self.assertTrue(all(1 <= delay <= 16 for delay in delays), delays)
        self.assertGreater(len(set(delays)), 1, f"no jitter: {delays}")
        # a job retried forever (max_retries 0) reaches the cap, never beyond
        record = self._enqueue_import(retry=30, max_retries=0)
        with self.assertRaises(RetryableJobError) as caught:
            self.env[MODEL].with_context(job_uuid=record.uuid).import_record(
                self.backend, self.customer_id
            )
        self.assertLessEqual(caught.exception.seconds, 300)

    def test_last_try_fails_with_the_shop_error(self):
        """On its last try, the job fails with the shop's last error in its message."""
        record = self._enqueue_import(retry=2, max_retries=3)
        self.inject_fault("502")
        error = self._run_job(record)
        self.assertIsInstance(error, FailedJobError)
        record.invalidate_recordset()
        self.assertEqual(record.state, "failed")
        self.assertIn("after 3 tries", record.exc_message)
        self.assertIn("customers/" + self.customer_id, record.exc_message)
        self.assertIn("answered 502", record.exc_message)

    def test_rate_limit_postpones_without_request(self):
        """At 1 call per 60 s, a second call is postponed before any request."""
        self.backend.write({"rate_limit_calls": 1, "rate_limit_period": 60})
        requests_made = self._requests_counter()
        self.assertIn("Imported", self.import_record(MODEL, self.customer_id))
        self.assertEqual(requests_made(), 1)
        with self.assertRaises(RetryableJobError) as caught:
            self.import_record(MODEL, self.customer_id, force=True)
        self.assertTrue(caught.exception.ignore_retry)
        # the wait (60 s: beyond the wait allowed in the job) plus up to one
        # period of jitter
        self.assertGreaterEqual(caught.exception.seconds, 60)
        self.assertLessEqual(caught.exception.seconds, 120)
        self.assertEqual(requests_made(), 1)

    def test_rate_limit_postponed_job_keeps_its_tries(self):
        """A job postponed by the rate limit is not counted as a failed try."""
        self.backend.write({"rate_limit_calls": 1, "rate_limit_period": 60})
        self.import_record(MODEL, self.customer_id)
        record = self._enqueue_import(retry=1)
        error = self._run_job(record)
        self.assertTrue(error.ignore_retry)
        record.invalidate_recordset()
        self.assertEqual(record.retry, 1)
        self.assertEqual(record.state, "pending")

    def test_each_page_takes_a_slot(self):
        """Listing takes one slot per page: the third page of a 2-call rate waits."""
        self.backend.write({"rate_limit_calls": 2, "rate_limit_period": 60})
        requests_made = self._requests_counter()
        seen = []
        with self.backend.work_on("demo.shop.product.product") as work:
            adapter = work.component(usage="backend.adapter")
            adapter.client.per_page = 25
            with self.assertRaises(RetryableJobError) as caught:
                seen.extend(adapter.search({"orderby": "id"}))
        self.assertTrue(caught.exception.ignore_retry)
        self.assertEqual(requests_made(), 2)

    def test_check_connection_is_not_limited(self):
        """The backend's Check connection button calls the shop outside of the limit."""
        self.backend.write({"rate_limit_calls": 1, "rate_limit_period": 60})
        self.import_record(MODEL, self.customer_id)
        action = self.backend.action_check_connection()
        self.assertIn("works", action["params"]["message"])
