"""PostgreSQL helpers for the connector."""

import hashlib
import logging
import struct

_logger = logging.getLogger(__name__)


def _advisory_lock_key(lock) -> int:
    """Turn any value into the signed 64-bit key PostgreSQL expects."""
    digest = hashlib.sha1(str(lock).encode("utf-8")).digest()
    return struct.unpack("q", digest[:8])[0]


def pg_try_advisory_lock(env, lock) -> bool:
    """Try to take a transaction-scoped PostgreSQL advisory lock.

    ``lock`` is any value whose ``str()`` identifies the protected resource
    (for instance ``"import-demo.shop.res.partner-42"``). The lock is
    released automatically at the end of the transaction, commit or rollback,
    so it never outlives the job that took it.

    Returns True when the lock is acquired, False when another transaction
    holds it. It never waits::

        if not pg_try_advisory_lock(self.env, lock_name):
            raise RetryableJobError("busy", seconds=2)
    """
    env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (_advisory_lock_key(lock),))
    acquired = env.cr.fetchone()[0]
    if not acquired:
        _logger.debug("advisory lock %s is held by another transaction", lock)
    return acquired
