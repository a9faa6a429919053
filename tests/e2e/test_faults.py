# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Faults: a batch import through a misbehaving shop and a worker killed mid-batch."""

import os
import signal
import time

import pytest

from .checks import assert_no_duplicates, assert_orders_match, failed_jobs
from .harness import Shop, make_backend

FAULT_SEED = 7
FAULT_ORDERS = 30
API = "/wp-json/wc/v3/"


@pytest.fixture(scope="module")
def fault_shop(run_dir):
    """A shop seeded with 7, trimmed to 30 orders."""
    shop = Shop(run_dir / "shop_faults", seed=FAULT_SEED)
    shop.keep_orders(FAULT_ORDERS)
    yield shop
    shop.stop()


def _doomed_order(order_ids):
    """An order id that is no prefix of another one (a fault path prefix)."""
    ids = [str(i) for i in order_ids]
    return next(i for i in ids if not any(o != i and o.startswith(i) for o in ids))


def _kill_a_busy_worker(db, since, timeout=120):
    """kill -9 the worker running an import job; return (pid, job uuid)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = db.one(
            "SELECT worker_pid, uuid FROM queue_job WHERE id > %s "
            "AND state = 'started' AND method_name = 'import_record' "
            "AND worker_pid IS NOT NULL "
            "ORDER BY id LIMIT 1",
            (since,),
        )
        if row:
            os.kill(row[0], signal.SIGKILL)
            return row
        time.sleep(0.1)
    raise TimeoutError("no import job started")


@pytest.fixture(scope="module")
def fault_run(admin, db, server, fault_shop):
    """The batch import under faults, then the failed jobs requeued."""
    started = db.scalar("SELECT now() AT TIME ZONE 'utc'")
    order_ids = [o["id"] for o in fault_shop.all("orders")]
    doomed = _doomed_order(order_ids)
    fault_shop.faults(
        # one order keeps failing until its job gives up (max retries)
        {
            "mode": "429",
            "count": 50,
            "retry_after": 1,
            "path_prefix": f"{API}orders/{doomed}",
        },
        # slow answers: jobs are in flight when the worker is killed
        {"mode": "latency", "delay": 3, "count": 4, "path_prefix": f"{API}orders/"},
        {"mode": "timeout", "delay": 4, "count": 2, "path_prefix": f"{API}orders/"},
        {"mode": "429", "retry_after": 1, "count": 2, "path_prefix": f"{API}orders/"},
        {"mode": "500", "count": 1, "path_prefix": f"{API}orders/"},
        {"mode": "malformed_json", "count": 2, "path_prefix": f"{API}orders/"},
        {"mode": "drop", "count": 2, "path_prefix": f"{API}orders/"},
        {
            "mode": "502",
            "retry_after": 1,
            "count": 1,
            "path_prefix": f"{API}customers/",
        },
        {"mode": "503", "retry_after": 1, "count": 1, "path_prefix": f"{API}products/"},
        {"mode": "drop", "count": 1, "path_prefix": f"{API}products/"},
        {"mode": "malformed_json", "count": 1, "path_prefix": f"{API}customers/"},
        # the listing itself, once
        {"mode": "429", "retry_after": 1, "count": 1, "path_prefix": f"{API}orders"},
    )
    # one job per order: the faults target the reads of single orders
    backend_id = make_backend(
        admin, fault_shop, "E2E faults", request_timeout=2, import_chunk_size=1
    )
    workers_before = set(server.worker_pids("WorkerHTTP"))
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_orders", [[backend_id]])
    killed_pid, killed_uuid = _kill_a_busy_worker(db, since)
    states = db.wait_jobs_idle(since_id=since, timeout=300)
    failed = failed_jobs(db, since)
    pending_faults = fault_shop.admin("GET", "faults")["faults"]
    fault_shop.clear_faults()
    # requeue the failed jobs as the "Requeue" button of the job form does
    failed_ids = [
        job_id
        for (job_id,) in db.all(
            "SELECT id FROM queue_job WHERE id > %s AND state = 'failed'", (since,)
        )
    ]
    if failed_ids:
        admin.call("queue.job", "requeue", [failed_ids])
    final_states = db.wait_jobs_idle(since_id=since, timeout=240)
    return {
        "backend_id": backend_id,
        "since": since,
        "started": started,
        "doomed": doomed,
        "states": states,
        "failed": failed,
        "failed_ids": failed_ids,
        "final_states": final_states,
        "killed_pid": killed_pid,
        "killed_uuid": killed_uuid,
        "workers_before": workers_before,
        "pending_faults": pending_faults,
    }


def test_faults_fail_only_the_order_that_kept_failing(fault_run):
    """Transient faults are retried; only the order answering 429 every time fails."""
    failed = fault_run["failed"]
    assert [row[1] for row in failed] == ["import_record"], failed
    assert "429" in (failed[0][3] or "") or "429" in (failed[0][4] or ""), failed
    # every injected fault but the doomed order's was met by some request
    assert [f["path_prefix"] for f in fault_run["pending_faults"]] == [
        f"{API}orders/{fault_run['doomed']}"
    ]


def test_requeued_failed_jobs_succeed(db, fault_run):
    """The failed job requeued through RPC runs again and is done."""
    assert fault_run["failed_ids"]
    assert set(fault_run["final_states"]) == {"done"}, fault_run["final_states"]
    assert db.scalar(
        "SELECT count(*) FROM queue_job WHERE id = ANY(%s) AND state = 'done'",
        (fault_run["failed_ids"],),
    ) == len(fault_run["failed_ids"])


def test_killed_worker_job_is_requeued_and_done(db, server, fault_run):
    """The job whose worker was killed -9 is found dead, run again and done."""
    assert fault_run["killed_pid"] not in server.worker_pids("WorkerHTTP")
    assert len(server.worker_pids("WorkerHTTP")) == 2  # the master replaced it
    state, retry = db.one(
        "SELECT state, retry FROM queue_job WHERE uuid = %s",
        (fault_run["killed_uuid"],),
    )
    assert state == "done"
    assert retry >= 1


def test_every_order_imported_once_and_whole(admin, db, fault_shop, fault_run):
    """After faults and the kill, every order is bound once with all its lines."""
    orders, _bindings = assert_orders_match(admin, fault_shop, fault_run["backend_id"])
    assert len(orders) == FAULT_ORDERS
    assert_no_duplicates(db, fault_run["backend_id"])


def test_no_half_written_record(db, fault_run):
    """No sales order, order line or product was left without its binding."""
    started = fault_run["started"]
    assert not db.all(
        "SELECT id FROM sale_order so WHERE so.create_date >= %s AND NOT EXISTS "
        "(SELECT 1 FROM demo_shop_sale_order b WHERE b.odoo_id = so.id)",
        (started,),
    )
    assert not db.all(
        "SELECT sol.id FROM sale_order_line sol JOIN demo_shop_sale_order b "
        "ON b.odoo_id = sol.order_id WHERE b.backend_id = %s AND sol.product_id != "
        "(SELECT shipping_product_id FROM demo_shop_backend WHERE id = %s) "
        "AND NOT EXISTS (SELECT 1 FROM demo_shop_sale_order_line l "
        "WHERE l.odoo_id = sol.id)",
        (fault_run["backend_id"], fault_run["backend_id"]),
    )
    assert not db.all(
        "SELECT pp.id FROM product_product pp WHERE pp.create_date >= %s "
        "AND NOT EXISTS (SELECT 1 FROM demo_shop_product_product b "
        "WHERE b.odoo_id = pp.id)",
        (started,),
    )
    assert failed_jobs(db, fault_run["since"]) == []
