# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chunked imports through the job runner: a worker killed -9 in the middle
of a chunk, the chunk run again, every order imported exactly once."""

import os
import signal
import time

import pytest

from .checks import assert_no_duplicates, assert_orders_match, failed_jobs
from .harness import Shop, make_backend

CHUNK_SEED = 11
CHUNK_ORDERS = 60
CHUNK_SIZE = 20
API = "/wp-json/wc/v3/"


@pytest.fixture(scope="module")
def chunk_shop(run_dir):
    """A shop seeded with 11, trimmed to 60 orders."""
    shop = Shop(run_dir / "shop_chunks", seed=CHUNK_SEED)
    shop.keep_orders(CHUNK_ORDERS)
    yield shop
    shop.stop()


def _kill_mid_chunk(db, since, timeout=120):
    """kill -9 the worker of a started chunk once it imported some orders
    (the shop answers its customer reads slowly); return (pid, job uuid)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = db.one(
            "SELECT worker_pid, uuid FROM queue_job WHERE id > %s "
            "AND state = 'started' AND method_name = 'import_chunk' "
            "AND worker_pid IS NOT NULL ORDER BY id LIMIT 1",
            (since,),
        )
        if row:
            time.sleep(1.5)  # some orders of the chunk are imported, not committed
            os.kill(row[0], signal.SIGKILL)
            return row
        time.sleep(0.1)
    raise TimeoutError("no chunk job started")


@pytest.fixture(scope="module")
def chunk_run(admin, db, chunk_shop):
    chunk_shop.faults(
        {
            "mode": "latency",
            "delay": 0.5,
            "count": 20,
            "path_prefix": f"{API}customers/",
        }
    )
    backend_id = make_backend(
        admin, chunk_shop, "E2E chunks", request_timeout=5, import_chunk_size=CHUNK_SIZE
    )
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_orders", [[backend_id]])
    killed_pid, killed_uuid = _kill_mid_chunk(db, since)
    states = db.wait_jobs_idle(since_id=since, timeout=300)
    chunk_shop.clear_faults()
    methods = dict(
        db.all(
            "SELECT method_name, count(*) FROM queue_job WHERE id > %s "
            "GROUP BY method_name",
            (since,),
        )
    )
    return {
        "backend_id": backend_id,
        "since": since,
        "states": states,
        "methods": methods,
        "killed_pid": killed_pid,
        "killed_uuid": killed_uuid,
    }


def test_killed_chunk_is_run_again(db, server, chunk_run):
    """The chunk whose worker was killed is found dead, run again and done."""
    assert chunk_run["killed_pid"] not in server.worker_pids("WorkerHTTP")
    state, retry = db.one(
        "SELECT state, retry FROM queue_job WHERE uuid = %s",
        (chunk_run["killed_uuid"],),
    )
    assert state == "done"
    assert retry >= 1
    assert failed_jobs(db, chunk_run["since"]) == []


def test_every_order_imported_exactly_once(admin, db, chunk_shop, chunk_run):
    """Every order is bound once, with all its lines, after the kill."""
    orders, _bindings = assert_orders_match(admin, chunk_shop, chunk_run["backend_id"])
    assert len(orders) == CHUNK_ORDERS
    assert_no_duplicates(db, chunk_run["backend_id"])


def test_one_job_per_chunk(chunk_run):
    """60 orders in chunks of 20: 3 chunk jobs, and fewer jobs in all than
    one per order (records split out of a chunk, e.g. a customer the other
    chunk is importing, get a job of their own)."""
    assert chunk_run["methods"].get("import_chunk") == CHUNK_ORDERS // CHUNK_SIZE
    assert sum(chunk_run["methods"].values()) < CHUNK_ORDERS
