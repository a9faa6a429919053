# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The rate set on a backend form limits its calls."""

from odoo.tests import TransactionCase

from odoo.addons.connector.exception import RetryableJobError


class TestRateLimitedBackend(TransactionCase):
    def setUp(self):
        super().setUp()
        self.backend = self.env["test.backend"].create({"name": "Polite"})
        self.addCleanup(self._delete_window)

    def _delete_window(self):
        # the limiter commits its window in its own transaction
        with self.env.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM connector_rate_limit"
                " WHERE backend_model = 'test.backend' AND backend_id = %s",
                (self.backend.id,),
            )

    def test_rate_set_on_backend(self):
        """Once the backend's calls per period are used, the job is postponed."""
        self.backend.write(
            {"rate_limit_calls": 2, "rate_limit_period": 30, "rate_limit_max_wait": 0}
        )
        self.backend._rate_limit_or_retry()
        self.backend._rate_limit_or_retry()
        with self.assertRaises(RetryableJobError) as raised:
            self.backend._rate_limit_or_retry()
        # the rest of the 30 s window (how much of it passed depends on the machine),
        # plus up to one period of jitter: only the bounds are certain
        self.assertGreater(raised.exception.seconds, 0)
        self.assertLessEqual(raised.exception.seconds, 60)
        self.assertTrue(raised.exception.ignore_retry)
        # another key has its own window
        self.backend._rate_limit_or_retry(key="products")

    def test_no_limit_by_default(self):
        """A backend without a rate set is never limited."""
        self.assertEqual(self.backend.rate_limit_calls, 0)
        for __ in range(20):
            self.backend._rate_limit_or_retry()
