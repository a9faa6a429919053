# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A job whose remote system asks for an absurd Retry-After is postponed by
its backend's cap, and nothing but a retry reaches queue_job."""

from odoo.tests import TransactionCase

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job


class TestRetryAfterCap(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Retry-After cap"})

    def _perform(self, retry_after, **policy):
        delayed = self.backend.with_delay(max_retries=5).remote_call(
            "429 Too Many Requests", retry_after=retry_after, **policy
        )
        job = Job.load(self.env, delayed.uuid)
        with self.assertRaises(RetryableJobError) as raised:
            job.perform()
        # queue_job's postponement of that delay must not overflow either
        job.postpone(result=str(raised.exception), seconds=raised.exception.seconds)
        return raised.exception.seconds

    def test_default_cap(self):
        self.assertEqual(self.backend.retry_after_cap, 3600)
        for value in ("300000000000", "9" * 400, "3153600000"):
            with self.subTest(value=value[:20]):
                self.assertEqual(self._perform(value), 3600)

    def test_backend_cap(self):
        self.backend.retry_after_cap = 120
        self.assertEqual(self._perform("300000000000"), 120)
        self.assertEqual(self._perform("Fri, 31 Dec 9999 23:59:59 GMT"), 120)
        self.assertEqual(self._perform("45"), 45)

    def test_unreadable_falls_back(self):
        with self.assertLogs("odoo.addons.connector.retry", "WARNING"):
            self.assertEqual(self._perform("١٢٠", jitter=False), 2)
