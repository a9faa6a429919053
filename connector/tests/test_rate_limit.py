# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The per-backend rate limit holds across parallel transactions."""

import threading
import time
import uuid

from odoo import api
from odoo.tests import TransactionCase

from odoo.addons.connector.exception import RetryableJobError
from odoo.addons.connector.models.connector_rate_limit import acquire, acquire_or_retry


class TestRateLimit(TransactionCase):
    def setUp(self):
        super().setUp()
        # the limiter commits in its own transaction: give each test its key
        self.key = f"test-{uuid.uuid4().hex}"
        self.backend = self.env.company
        self.addCleanup(self._delete_window)

    def _delete_window(self):
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM connector_rate_limit WHERE key = %s", (self.key,))

    def test_wait_when_exhausted(self):
        """The calls above the rate get a wait until the oldest leaves the window."""
        waits = [
            acquire(self.env, self.backend, key=self.key, rate=3, per=60)
            for __ in range(4)
        ]
        self.assertEqual(waits[:3], [0, 0, 0])
        self.assertGreater(waits[3], 59)
        self.assertLessEqual(waits[3], 60)

    def test_keys_are_separate(self):
        """Another key of the same backend has its own window."""
        self.assertEqual(
            acquire(self.env, self.backend, key=self.key, rate=1, per=60), 0
        )
        self.assertGreater(
            acquire(self.env, self.backend, key=self.key, rate=1, per=60), 0
        )
        other = self.key + "-other"
        self.addCleanup(self._delete_key, other)
        self.assertEqual(acquire(self.env, self.backend, key=other, rate=1, per=60), 0)

    def _delete_key(self, key):
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM connector_rate_limit WHERE key = %s", (key,))

    def test_acquire_or_retry(self):
        """Over the rate the job is postponed, without counting a failed try."""
        acquire_or_retry(self.env, self.backend, key=self.key, rate=1, per=30)
        with self.assertRaises(RetryableJobError) as raised:
            acquire_or_retry(self.env, self.backend, key=self.key, rate=1, per=30)
        self.assertTrue(raised.exception.ignore_retry)
        # the wait, plus up to one window of jitter
        self.assertGreaterEqual(raised.exception.seconds, 30)
        self.assertLessEqual(raised.exception.seconds, 60)

    def test_parallel_transactions(self):
        """Threads with their own cursors never get more than the rate per window."""
        rate, per, duration = 5, 0.5, 2.0
        grants, errors = [], []
        # environments are made here: creating one in a thread would wait for
        # the registry lock the test runner holds while installing
        cursors = [self.env.registry.cursor() for __ in range(4)]
        for cr in cursors:
            self.addCleanup(cr.close)
        envs = [api.Environment(cr, self.env.uid, {}) for cr in cursors]

        def worker(env):
            try:
                limits = env["connector.rate.limit"]
                backend = self.backend.with_env(env)
                end = time.monotonic() + duration
                while time.monotonic() < end:
                    wait, now = limits._acquire_slot(backend, self.key, rate, per)
                    if not wait:
                        grants.append(now)
                    time.sleep(0.01)
            except Exception as err:  # noqa: BLE001 (reported by the main thread)
                errors.append(err)

        threads = [threading.Thread(target=worker, args=(env,)) for env in envs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertFalse(errors)
        grants.sort()
        # every window of ``per`` seconds holds at most ``rate`` grants
        for index, start in enumerate(grants):
            in_window = [when for when in grants[index:] if when < start + per]
            self.assertLessEqual(len(in_window), rate)
        # and the limit let calls through all along, not just once
        self.assertGreaterEqual(len(grants), rate * (duration / per) * 0.75)
