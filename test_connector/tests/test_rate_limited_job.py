# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A queue job postponed by its backend's rate limit keeps its tries, where
a remote error on the same try fails it."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job


@tagged("post_install", "-at_install")
class TestRateLimitedJob(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {
                "name": "Rate Limited Jobs",
                "rate_limit_calls": 1,
                "rate_limit_period": 60.0,
                "rate_limit_max_wait": 0,
            }
        )
        self.addCleanup(self._delete_window)

    def _delete_window(self):
        # the limiter commits its window in its own transaction
        with self.env.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM connector_rate_limit"
                " WHERE backend_model = 'test.backend' AND backend_id = %s",
                (self.backend.id,),
            )

    def _last_try(self, delayed):
        """The job of ``delayed``, loaded as the runner loads it, on its last try."""
        job = Job.load(self.env, delayed.uuid)
        job.retry = job.max_retries - 1
        job.store()
        return Job.load(self.env, delayed.uuid)

    def test_postponed_job_keeps_its_tries(self):
        """On its last try, a job that finds no free call is postponed, with
        the same number of tries left: waiting for a slot is no failure."""
        self.assertEqual(self.backend.rate_limited_call(), "called")
        job = self._last_try(self.backend.with_delay(max_retries=3).rate_limited_call())
        with self.assertRaises(RetryableJobError) as raised, self.env.cr.savepoint():
            job.perform()
        self.assertTrue(raised.exception.ignore_retry)
        self.assertGreaterEqual(raised.exception.seconds, 1)
        self.assertEqual(job.retry, 2)

    def test_remote_error_on_last_try_fails(self):
        """Control: a remote error on the last try fails the job."""
        job = self._last_try(
            self.backend.with_delay(max_retries=3).remote_call(
                "503 Service Unavailable"
            )
        )
        with self.assertRaises(FailedJobError), self.env.cr.savepoint():
            job.perform()
        self.assertEqual(job.retry, 3)

    def test_job_runs_once_the_window_has_room(self):
        """With a free call, the same job runs and returns its result."""
        job = Job.load(
            self.env, self.backend.with_delay(max_retries=3).rate_limited_call().uuid
        )
        self.assertEqual(job.perform(), "called")
        self.assertEqual(job.retry, 1)
