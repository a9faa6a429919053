# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A remote system's ``Retry-After`` is read strictly and never obeyed beyond a cap."""

from datetime import datetime, timezone

from odoo.tests import BaseCase

from odoo.addons.connector.retry import (
    DEFAULT_RETRY_AFTER_CAP,
    parse_retry_after,
    retry_delay,
)

NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)


class TestRetryAfterBounds(BaseCase):
    def test_default_cap_is_one_hour(self):
        self.assertEqual(DEFAULT_RETRY_AFTER_CAP, 3600)

    def test_huge_seconds_capped(self):
        """Values that overflowed a float or a timedelta are capped."""
        for value in ("300000000000", "9" * 400, "3153600000"):
            with self.subTest(value=value[:20]):
                self.assertEqual(parse_retry_after(value), 3600)
                self.assertEqual(retry_delay(0, retry_after=value), 3600)

    def test_cap_given(self):
        self.assertEqual(parse_retry_after("500", cap=60), 60)
        self.assertEqual(parse_retry_after("50", cap=60), 50)
        self.assertEqual(retry_delay(0, retry_after="9" * 400, retry_after_cap=90), 90)

    def test_non_ascii_digits_fall_back(self):
        """Digits of other scripts are no ``Retry-After``: backoff instead."""
        for value in ("١٢٠", "１２０", "²", "12.5", "-5", "1e9", "0x10"):
            with (
                self.subTest(value=value),
                self.assertLogs("odoo.addons.connector.retry", "WARNING"),
            ):
                self.assertIsNone(parse_retry_after(value))
        with self.assertLogs("odoo.addons.connector.retry", "WARNING"):
            self.assertEqual(retry_delay(2, retry_after="١٢٠", jitter=False), 8)

    def test_far_future_date_capped(self):
        for value in (
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Wed, 21 Oct 2125 07:28:00 GMT",
        ):
            with self.subTest(value=value):
                self.assertEqual(parse_retry_after(value, now=NOW), 3600)

    def test_absurd_date_falls_back(self):
        """A date no datetime can hold is unreadable, not an exception."""
        for value in (
            "Fri, 31 Dec 99999999999999999999 23:59:59 GMT",
            "Fri, 99 Dec 2026 23:59:59 GMT",
        ):
            with (
                self.subTest(value=value),
                self.assertLogs("odoo.addons.connector.retry", "WARNING"),
            ):
                self.assertIsNone(parse_retry_after(value, now=NOW))

    def test_numbers_capped_and_finite(self):
        self.assertEqual(parse_retry_after(1e300), 3600)
        self.assertEqual(parse_retry_after(10**400), 3600)
        self.assertIsNone(parse_retry_after(float("nan")))
        self.assertEqual(parse_retry_after(float("inf")), 3600)
        self.assertEqual(parse_retry_after(-3), 0)
