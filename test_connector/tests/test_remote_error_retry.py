# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A job calling a failing remote API is postponed, then fails with the remote error."""

from odoo.tests import TransactionCase

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job


class TestRemoteErrorRetry(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Remote Errors"})

    def _job(self, message, retry_after=None, tries_done=0, **policy):
        delayed = self.backend.with_delay(max_retries=3).remote_call(
            message, retry_after=retry_after, **policy
        )
        job = Job.load(self.env, delayed.uuid)
        job.retry = tries_done
        job.store()
        return Job.load(self.env, delayed.uuid)

    def test_retry_after_postpones(self):
        """A 429 with Retry-After postpones the job by that delay."""
        job = self._job("429 Too Many Requests", retry_after="17")
        with self.assertRaises(RetryableJobError) as raised:
            job.perform()
        self.assertEqual(raised.exception.seconds, 17)
        self.assertIn("429 Too Many Requests", str(raised.exception))

    def test_backoff_without_retry_after(self):
        """Without Retry-After the delay doubles with each try (base 2 s)."""
        delays = []
        for tries_done in (0, 1):
            job = self._job("Connection reset", tries_done=tries_done, jitter=False)
            with self.assertRaises(RetryableJobError) as raised:
                job.perform()
            delays.append(raised.exception.seconds)
        self.assertEqual(delays, [2, 4])

    def test_fails_after_max_retries(self):
        """The last try fails the job with the last remote error in its message."""
        job = self._job(
            "503 Service Unavailable: maintenance", retry_after="60", tries_done=2
        )
        with self.assertRaises(FailedJobError) as raised:
            job.perform()
        self.assertIn("503 Service Unavailable: maintenance", str(raised.exception))
        self.assertIn("3 tries", str(raised.exception))
