# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A job needing more calls than one rate-limit window allows still finishes."""

import time

from odoo.tests import TransactionCase

from odoo.addons.connector.exception import RetryableJobError

from .fake_remote import FakeRemote


class TestRateLimitStarvation(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create(
            {"name": "Starved", "rate_limit_calls": 2, "rate_limit_period": 1.0}
        )
        self.addCleanup(self._delete_window)
        self.remote = FakeRemote()
        for number in range(9):
            self.remote.create({"name": f"record {number}"})

    def _delete_window(self):
        # the limiter commits its window in its own transaction
        with self.env.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM connector_rate_limit"
                " WHERE backend_model = 'test.backend' AND backend_id = %s",
                (self.backend.id,),
            )

    def _read_pages(self, pages=3, per_page=3):
        """A batch import's body: one rate-limited listing call per page."""
        ids = sorted(self.remote.records)
        seen = []
        for page in range(pages):
            self.backend._rate_limit_or_retry(key="listing")
            seen += ids[page * per_page : (page + 1) * per_page]
        return seen

    def test_three_pages_two_calls_per_window(self):
        """3 pages at 2 calls per window: the job waits for the third slot
        and ends with every record, never postponed."""
        # the backend's default wait for a call; no RetryableJobError escapes
        start = time.monotonic()
        seen = self._read_pages()
        self.assertEqual(seen, sorted(self.remote.records))
        # the third call had to wait for the first one to leave the window
        self.assertGreater(time.monotonic() - start, 0.5)

    def test_postponed_when_wait_exceeds_bound(self):
        """A wait beyond the bound postpones the job, not counted as a try."""
        self.backend.write({"rate_limit_period": 60.0, "rate_limit_max_wait": 0.5})
        self.backend._rate_limit_or_retry(key="listing")
        self.backend._rate_limit_or_retry(key="listing")
        with self.assertRaises(RetryableJobError) as raised:
            self.backend._rate_limit_or_retry(key="listing")
        self.assertTrue(raised.exception.ignore_retry)
        self.assertGreaterEqual(raised.exception.seconds, 59)
        self.assertLessEqual(raised.exception.seconds, 121)

    def test_postponements_jittered(self):
        """Jobs postponed together come back at different times."""
        self.backend.write(
            {"rate_limit_calls": 1, "rate_limit_period": 60.0, "rate_limit_max_wait": 0}
        )
        self.backend._rate_limit_or_retry(key="jitter")
        delays = set()
        for __ in range(12):
            with self.assertRaises(RetryableJobError) as raised:
                self.backend._rate_limit_or_retry(key="jitter")
            delays.add(raised.exception.seconds)
        self.assertGreater(len(delays), 1)
