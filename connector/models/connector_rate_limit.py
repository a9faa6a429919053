# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import json
import logging
import math
import random
import time

from odoo import api, fields, models
from odoo.tools import SQL

from ..exception import RetryableJobError

_logger = logging.getLogger(__name__)


def acquire(env, backend, key="default", rate=10, per=1.0):
    """Take one call slot of ``backend`` for ``key``; return the seconds to wait.

    At most ``rate`` calls are granted per sliding window of ``per`` seconds,
    across all workers (the window is kept in PostgreSQL). ``0`` means the
    call may go now; otherwise nothing was taken and the caller postpones its
    job, it never sleeps::

        from odoo.addons.connector.models.connector_rate_limit import acquire

        wait = acquire(self.env, self.backend_record, key="orders", rate=2, per=1)
        if wait:
            raise RetryableJobError("Rate limit", seconds=wait, ignore_retry=True)

    :func:`acquire_or_retry` does both.
    """
    return env["connector.rate.limit"]._acquire_slot(backend, key, rate, per)[0]


def acquire_or_retry(env, backend, key="default", rate=10, per=1.0, max_wait=0.0):
    """Take a call slot, waiting for one up to ``max_wait`` seconds, or
    postpone the job without counting a failed try.

    Waiting in the job lets a job that needs more calls than one window
    allows (a listing of many pages) go on where it is instead of starting
    over; beyond ``max_wait`` the job is postponed by the wait plus a random
    part of a window, so that the jobs postponed together do not all come
    back at the same second::

        acquire_or_retry(env, backend, key="orders", rate=2, per=10, max_wait=30)
    """
    deadline = time.monotonic() + max(0.0, max_wait or 0.0)
    while True:
        wait = acquire(env, backend, key=key, rate=rate, per=per)
        if not wait:
            return
        if time.monotonic() + wait > deadline:
            break
        _logger.debug(
            "Rate limit of %s on %s #%s: waiting %.2fs",
            key,
            backend._name,
            backend.id,
            wait,
        )
        time.sleep(wait)
    seconds = _jittered_delay(wait, per)
    raise RetryableJobError(
        f"Rate limit of {rate} calls per {per}s reached on {backend._name} "
        f"#{backend.id} ({key}): retry in {seconds}s",
        seconds=seconds,
        ignore_retry=True,
    )


def _jittered_delay(wait, per, rng=random):
    """Whole seconds to postpone a job: the wait plus up to one window."""
    return max(1, math.ceil(wait + rng.uniform(0, per)))


class ConnectorRateLimit(models.Model):
    """The recent calls of a backend, one row per (backend, key).

    A sliding window log: ``grants`` holds the epoch times of the calls
    granted within the last window, so "never more than ``rate`` calls in
    any ``per`` seconds" holds exactly, not on average as a token bucket.
    """

    _name = "connector.rate.limit"
    _description = "Connector Rate Limit Window"
    _log_access = False

    backend_model = fields.Char(required=True)
    backend_id = fields.Integer(string="Backend ID", required=True)
    key = fields.Char(required=True, default="default")
    grants = fields.Json(readonly=True)
    company_id = fields.Many2one(
        "res.company",
        readonly=True,
        index=True,
        help="Company of the backend: users see the windows of their companies.",
    )

    _backend_key_uniq = models.Constraint(
        "unique(backend_model, backend_id, key)",
        "A rate limit window already exists for this backend and key.",
    )

    @api.model
    def _acquire_slot(self, backend, key, rate, per):
        """Return ``(wait, now)``: the seconds to wait (0 when granted) and the
        database time of the decision (epoch seconds)."""
        if rate <= 0:
            return 0.0, None
        # A separate, short transaction: the row lock is released at once
        # (not at the end of a long job), and a granted call stays counted
        # even when the job rolls back after calling the remote system.
        with self.env.registry.cursor() as cr:
            # Read committed: the row lock serializes the callers; Odoo's
            # repeatable read would fail them on the concurrent updates instead.
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            params = (backend._name, backend.id, key)
            company = (
                backend.sudo().company_id.id
                if "company_id" in backend._fields
                else None
            )
            cr.execute(
                SQL(
                    "INSERT INTO connector_rate_limit"
                    " (backend_model, backend_id, key, grants, company_id)"
                    " VALUES (%s, %s, %s, '[]', %s) ON CONFLICT DO NOTHING",
                    *params,
                    company or None,
                )
            )
            cr.execute(
                SQL(
                    "SELECT id, grants FROM connector_rate_limit"
                    " WHERE backend_model = %s AND backend_id = %s AND key = %s"
                    " FOR UPDATE",
                    *params,
                )
            )
            row_id, grants = cr.fetchone()
            # the clock is read once the lock is held, so grants are ordered
            cr.execute("SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8")
            now = cr.fetchone()[0]
            recent = [when for when in grants or [] if when > now - per]
            if len(recent) >= rate:
                wait = recent[-rate] + per - now
                _logger.debug("Rate limit of %s on %s: wait %.3fs", key, params, wait)
                return max(wait, 0.001), now
            recent.append(now)
            cr.execute(
                SQL(
                    "UPDATE connector_rate_limit SET grants = %s WHERE id = %s",
                    json.dumps(recent[-rate:]),
                    row_id,
                )
            )
            return 0.0, now
