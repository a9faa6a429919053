# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The retry policy: Retry-After obeyed, exponential backoff with a cap."""

import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from odoo.tests import BaseCase

from odoo.addons.connector.retry import parse_retry_after, retry_delay


class TestRetryDelay(BaseCase):
    def test_retry_after_seconds(self):
        """A Retry-After in seconds is the delay, whatever the attempt."""
        self.assertEqual(retry_delay(0, retry_after="120"), 120)
        self.assertEqual(retry_delay(7, retry_after=" 30 ", cap=10), 30)
        self.assertEqual(retry_delay(3, retry_after=45), 45)

    def test_retry_after_http_date(self):
        """A Retry-After HTTP date is the delay until that date."""
        now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
        header = format_datetime(now + timedelta(seconds=90), usegmt=True)
        self.assertEqual(header, "Wed, 25 Nov 2026 12:01:30 GMT")
        self.assertEqual(retry_delay(0, retry_after=header, now=now), 90)

    def test_retry_after_past_date(self):
        """A Retry-After date already passed means retry at once."""
        now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
        self.assertEqual(parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", now=now), 0)

    def test_retry_after_unreadable(self):
        """An unreadable Retry-After falls back to the backoff."""
        with self.assertLogs("odoo.addons.connector.retry", "WARNING"):
            delay = retry_delay(2, retry_after="soon", base=2, jitter=False)
        self.assertEqual(delay, 8)

    def test_backoff_grows(self):
        """Without jitter the delay doubles at each attempt."""
        delays = [retry_delay(n, base=1, cap=1000, jitter=False) for n in range(6)]
        self.assertEqual(delays, [1, 2, 4, 8, 16, 32])

    def test_backoff_capped(self):
        """The delay never goes above the cap, even after many attempts."""
        self.assertEqual(retry_delay(50, base=2, cap=600, jitter=False), 600)
        rng = random.Random(7)
        delays = [retry_delay(n, base=2, cap=600, rng=rng) for n in range(40)]
        self.assertTrue(all(0 <= delay <= 600 for delay in delays))
        # full jitter spreads the retries, it does not return the bound
        self.assertGreater(len(set(delays)), 30)

    def test_jitter_bounded_by_backoff(self):
        """With jitter, the delay of an attempt stays below its backoff."""
        rng = random.Random(3)
        for attempt in range(8):
            bound = retry_delay(attempt, base=2, cap=100, jitter=False)
            for __ in range(20):
                self.assertLessEqual(
                    retry_delay(attempt, base=2, cap=100, rng=rng), bound
                )
