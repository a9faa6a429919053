# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Retry policy for calls to a remote API: how long to wait before trying again.

:func:`parse_retry_after` and :func:`retry_delay` are plain functions of
their arguments; :func:`raise_remote_error` is the only part that looks at the
running queue job.
"""

import logging
import math
import random
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job

_logger = logging.getLogger(__name__)


# a remote system's Retry-After is never obeyed beyond this (seconds); a
# backend may choose another cap (``connector.backend.retry_after_cap``)
DEFAULT_RETRY_AFTER_CAP = 3600
# seconds: ASCII digits only (``str.isdigit`` also accepts "١٢٠" and "²")
_SECONDS_RE = re.compile(r"[0-9]+", re.ASCII)


def parse_retry_after(
    value: str | float | None,
    now: datetime | None = None,
    cap: float = DEFAULT_RETRY_AFTER_CAP,
):
    """Return the delay in seconds a ``Retry-After`` header asks for, or None.

    The header holds either seconds (``"120"``, ASCII digits only) or an HTTP
    date (``"Wed, 21 Oct 2015 07:28:00 GMT"``); a date in the past means
    "now". The delay is bounded by ``cap``; anything unreadable (other
    digits, a sign, a date no calendar holds) gives None, never an
    exception, and the caller falls back to its backoff::

        parse_retry_after(response.headers.get("Retry-After"), cap=600)
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _bounded(value, cap)
    text = str(value).strip()
    if _SECONDS_RE.fullmatch(text):
        # compare as integers: '9' * 400 is no float
        return float(cap) if len(text) > 15 else _bounded(int(text), cap)
    try:
        when = parsedate_to_datetime(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        now = now or datetime.now(timezone.utc)
        return _bounded((when - now).total_seconds(), cap)
    except (TypeError, ValueError, OverflowError, IndexError):
        _logger.warning("Unreadable Retry-After header ignored: %.80r", text)
        return None


def _bounded(seconds, cap):
    """``seconds`` within ``[0, cap]``; None when it is no number (NaN)."""
    if isinstance(seconds, float) and math.isnan(seconds):
        _logger.warning("Unreadable Retry-After ignored: %r", seconds)
        return None
    if seconds <= 0:
        return 0.0
    return float(cap) if seconds >= cap else float(seconds)


def retry_delay(
    attempt: int,
    retry_after: str | float | None = None,
    base: float = 2.0,
    cap: float = 3600.0,
    jitter: bool = True,
    rng: random.Random | None = None,
    now: datetime | None = None,
    retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
) -> float:
    """Return the seconds to wait before retry number ``attempt`` (from 0).

    A ``Retry-After`` (seconds or HTTP date, from a 429 or a 503) is obeyed
    up to ``retry_after_cap`` seconds. Otherwise the delay backs off
    exponentially, ``base * 2**attempt`` bounded by ``cap``, with *full
    jitter* (a uniform draw between 0 and that bound) so that the jobs that
    failed together do not retry together::

        delay = retry_delay(job.retry, response.headers.get("Retry-After"))
        raise RetryableJobError(str(err), seconds=delay)
    """
    requested = parse_retry_after(retry_after, now=now, cap=retry_after_cap)
    if requested is not None:
        return requested
    bound = min(cap, base * (2 ** max(0, attempt)))
    if not jitter:
        return bound
    return (rng or random).uniform(0, bound)


def current_job(env):
    """Return the queue job running in ``env`` (None outside of a job)."""
    uuid = env.context.get("job_uuid")
    if not uuid:
        return None
    return Job.load(env, uuid)


def _get_retry_after_cap(env, job):
    """The ``retry_after_cap`` of the backend of ``job``, else the default."""
    ref = job.db_record().connector_backend_ref if job else None
    if ref:
        model_name, __, backend_id = ref.partition(",")
        if model_name in env:
            backend = env[model_name].sudo().browse(int(backend_id)).exists()
            if backend and backend.retry_after_cap:
                return backend.retry_after_cap
    return DEFAULT_RETRY_AFTER_CAP


def raise_remote_error(env, error, retry_after=None, **policy):
    """Postpone the running job after a transient remote error, or fail it.

    Call it where an adapter catches a timeout, a 5xx or a 429. The job is
    retried after :func:`retry_delay` (``policy`` is passed to it; a
    ``Retry-After`` is obeyed up to the ``retry_after_cap`` of the job's
    backend, one hour by default); once the
    job used its ``max_retries``, it fails with the last remote error in its
    message instead of queue_job's generic one. ``env`` must be the running
    job's environment (queue_job puts ``job_uuid`` in the context of the job's
    recordset only, not of the records in its arguments): in a job method,
    open the work context on ``backend.with_env(self.env)``::

        try:
            response = session.get(url, timeout=30)
            response.raise_for_status()
        except requests.HTTPError as err:
            raise_remote_error(
                self.env, err, retry_after=err.response.headers.get("Retry-After")
            )
    """
    cause = error if isinstance(error, BaseException) else None
    job = current_job(env)
    # the stored counter holds the previous tries: queue_job increments it in
    # memory only while the job function runs
    attempt = job.retry + 1 if job else 1
    if job and job.max_retries and attempt >= job.max_retries:
        raise FailedJobError(
            f"Remote call failed after {attempt} tries; last remote error: {error}"
        ) from cause
    policy.setdefault("retry_after_cap", _get_retry_after_cap(env, job))
    seconds = retry_delay(attempt - 1, retry_after=retry_after, **policy)
    raise RetryableJobError(
        f"Remote error, retry in {seconds:.0f}s: {error}",
        seconds=max(1, round(seconds)),
    ) from cause
