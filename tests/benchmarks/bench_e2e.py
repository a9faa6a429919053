# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End-to-end benchmark: orders imported through the queue_job runner, one
job per order and in chunks, against the plain ORM creating the same orders.

Out of process, as in production (the harness of ``tests/e2e``): a fresh
database ``bench_e2e`` (``BENCH_E2E_DB`` for another name) with
``connector_demo_shop`` installed (dropped at the end), the demo shop
seeded with 42 and grown to 2,000 orders of 1-5 lines
(``BENCH_E2E_ORDERS`` for another number), and ``odoo`` with 2 HTTP workers,
a cron worker and the job runner (``ODOO_QUEUE_JOB_CHANNELS=root:2``): the
job runner runs the jobs in the 2 HTTP workers.

Each mode has its own backend on the same shop and its own, freshly
started, server: ``per_record`` (Records per Import Job = 1, one
``import_record`` job per order, as OCA's framework) first, then
``chunked`` (50 orders per ``import_chunk`` job). Customers and products
are imported first, untimed; then "import orders" is pressed through
JSON-RPC and timed until no job is left. Per mode:

* ``orders_per_s`` / ``lines_per_s``: orders (and their lines) imported per
  second, wall clock, from the press to the last job done (the batch jobs
  listing the shop included);
* ``jobs`` / ``jobs_per_2000_orders``: ``queue.job`` rows the order import
  created (batch, record, chunk and split-out jobs), and scaled to 2,000;
* ``worker_rss_idle_mib``: the highest ``VmRSS`` of the HTTP workers once
  the server answered its first request; ``peak_worker_rss_mib``: their
  highest ``VmHWM`` (peak resident set) until the orders are imported,
  sampled every 0.2 s (a worker replaced meanwhile counts too), and
  ``rss_over_idle_mib`` the difference.

``plain_orm``: the orders of the ``per_record`` backend created again with
the ORM only (``sale.order`` with its lines, confirmed when the import
confirmed it, a commit every 50 orders) by 2 ``odoo shell`` processes in
parallel, timed from the moment both are loaded to the last commit: the
physical limit of this machine. ``chunked_vs_per_record`` and
``chunked_vs_plain_orm`` are the ratios of the order rates.

Wall clock figures: the work is spread over several processes and
PostgreSQL, so CPU time of the runner means nothing here; a loaded machine
gives lower rates. The chunked import runs on a database already holding
the orders of the first mode.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# the harness of tests/e2e, as a module of its own: "tests" may be another
# package on the path (the demo shop's tests)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
# the demo shop package (tests/demo_shop), for this process and the ones it
# starts (the shop, Odoo), as the suite's commands put it on their path
_DEMO_SHOP = str(Path(__file__).resolve().parents[1] / "demo_shop")
if _DEMO_SHOP not in sys.path:
    sys.path.insert(0, _DEMO_SHOP)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, (_DEMO_SHOP, os.environ.get("PYTHONPATH")))
    )

from harness import (
    REPO,
    DbReader,
    OdooDatabase,
    OdooServer,
    Rpc,
    Shop,
    make_backend,
    proc_status_kib,
)

DBNAME = os.environ.get("BENCH_E2E_DB", "bench_e2e")
ORDERS = int(os.environ.get("BENCH_E2E_ORDERS", "2000"))
SEED = 42
CHUNK_SIZE = 50
MODES = (("per_record", 1), ("chunked", CHUNK_SIZE))
ORM_PROCESSES = 2
ORM_COMMIT_EVERY = 50

# run by each "odoo shell" of the plain ORM figure (env is the shell's)
ORM_SCRIPT = r"""
import json, os, time
from pathlib import Path
from psycopg2 import OperationalError
from odoo import Command
work = Path(os.environ["BENCH_ORM_DIR"])
part, parts = int(os.environ["BENCH_ORM_PART"]), int(os.environ["BENCH_ORM_PARTS"])
every = int(os.environ["BENCH_ORM_EVERY"])
orders = json.loads((work / "orders.json").read_text())[part::parts]
env.cr.commit()
(work / f"ready_{part}").touch()
while not (work / "go").exists():
    time.sleep(0.01)
for start in range(0, len(orders), every):
    for attempt in range(5):
        try:
            for order in orders[start : start + every]:
                record = env["sale.order"].create({
                    "partner_id": order["partner_id"],
                    "order_line": [Command.create(line) for line in order["lines"]],
                })
                if order["confirm"]:
                    record.action_confirm()
            env.cr.commit()
            break
        except OperationalError:
            env.cr.rollback()
            env.invalidate_all()
(work / f"done_{part}").write_text(str(time.time()))
"""


def _grow_shop(shop, total, seed=SEED):
    """Create orders (1-5 lines, paid) until the shop has ``total`` of them."""
    rng = random.Random(seed)
    customers = [c["id"] for c in shop.all("customers")]
    # simple products: a line of a variable product names one of its variations
    products = [
        p["id"]
        for p in shop.all("products")
        if p["status"] == "publish" and p.get("type", "simple") == "simple"
    ]
    missing = total - shop.status()["orders"]
    while missing > 0:
        batch = []
        for _ in range(min(100, missing)):
            batch.append(
                {
                    "customer_id": rng.choice(customers),
                    "status": rng.choice(("processing", "completed", "on-hold")),
                    "line_items": [
                        {"product_id": product, "quantity": rng.randint(1, 4)}
                        for product in rng.sample(products, rng.randint(1, 5))
                    ],
                }
            )
        answer = shop.api("POST", "orders/batch", json={"create": batch}).json()
        errors = [entry["error"] for entry in answer["create"] if "error" in entry]
        if errors:
            raise RuntimeError(f"The shop refused orders: {errors[:3]}")
        missing -= len(batch)
    return shop.status()["orders"]


class _RssSampler(threading.Thread):
    """Keep the highest VmHWM of the server's HTTP workers."""

    def __init__(self, server, period=0.2):
        super().__init__(daemon=True)
        self.server = server
        self.period = period
        self.peak_kib = 0
        self.pids = set()
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.period)

    def sample(self):
        for pid in self.server.worker_pids("WorkerHTTP"):
            self.pids.add(pid)
            self.peak_kib = max(self.peak_kib, proc_status_kib(pid, "VmHWM") or 0)

    def stop(self):
        self._halt.set()
        self.join()
        self.sample()


def _orders_of(reader, backend_id):
    """The orders a backend imported, as the plain ORM creates them again."""
    orders = {}
    for order_id, partner_id, state in reader.all(
        "SELECT o.id, o.partner_id, o.state FROM sale_order o "
        "JOIN demo_shop_sale_order b ON b.odoo_id = o.id "
        "WHERE b.backend_id = %s ORDER BY o.id",
        (backend_id,),
    ):
        orders[order_id] = {
            "partner_id": partner_id,
            "confirm": state == "sale",
            "lines": [],
        }
    for order_id, product_id, name, qty, price, discount in reader.all(
        "SELECT order_id, product_id, name, product_uom_qty, price_unit, "
        "discount FROM sale_order_line WHERE order_id = ANY(%s) "
        "AND display_type IS NULL ORDER BY id",
        (list(orders),),
    ):
        orders[order_id]["lines"].append(
            {
                "product_id": product_id,
                "name": name,
                "product_uom_qty": float(qty),
                "price_unit": float(price),
                "discount": float(discount or 0),
            }
        )
    return list(orders.values())


def _plain_orm(ctx, workdir, orders):
    """Create ``orders`` with the ORM in 2 processes; return orders per second."""
    work = workdir / "orm"
    work.mkdir()
    (work / "orders.json").write_text(json.dumps(orders))
    procs = []
    for part in range(ORM_PROCESSES):
        env = dict(
            os.environ,
            BENCH_ORM_DIR=str(work),
            BENCH_ORM_PART=str(part),
            BENCH_ORM_PARTS=str(ORM_PROCESSES),
            BENCH_ORM_EVERY=str(ORM_COMMIT_EVERY),
        )
        log = open(workdir / f"orm_{part}.log", "wb")  # noqa: SIM115 - child's
        procs.append(
            subprocess.Popen(
                [
                    "odoo",
                    f"--addons-path={REPO}",
                    "shell",
                    "-d",
                    DBNAME,
                    "--no-http",
                    "--log-level=warn",
                ],
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        )
        procs[-1].stdin.write(ORM_SCRIPT.encode())
        procs[-1].stdin.close()
    deadline = time.monotonic() + 600
    while not all((work / f"ready_{part}").exists() for part in range(len(procs))):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            raise RuntimeError(f"the ORM processes did not start; see {workdir}")
        time.sleep(0.05)
    started = time.time()
    (work / "go").touch()
    for proc in procs:
        proc.wait(timeout=7200)
    ends = [work / f"done_{part}" for part in range(len(procs))]
    if not all(end.exists() for end in ends):
        raise RuntimeError(f"an ORM process failed; see {workdir}")
    elapsed = max(float(end.read_text()) for end in ends) - started
    ctx.log("bench_e2e: plain ORM, %s orders in %.1f s", len(orders), elapsed)
    return {
        "orders": len(orders),
        "processes": ORM_PROCESSES,
        "create_s": round(elapsed, 1),
        "orders_per_s": round(len(orders) / elapsed, 2),
    }


def _import_orders(ctx, workdir, shop, mode, chunk_size):
    """Import the shop's customers, products (untimed), then orders (timed)
    with a fresh server and a backend of ``chunk_size`` records per job."""
    server = reader = None
    try:
        server = OdooServer(DBNAME, workdir / f"odoo_{mode}.log", workers=2).start()
        reader = DbReader(DBNAME)
        admin = Rpc(server.url, DBNAME, "admin", "admin", timeout=300)
        backend_id = make_backend(
            admin,
            shop,
            f"Benchmark {mode}",
            request_timeout=30,
            import_chunk_size=chunk_size,
        )
        rss_idle = [
            proc_status_kib(pid, "VmRSS") or 0
            for pid in server.worker_pids("WorkerHTTP")
        ]
        sampler = _RssSampler(server)
        sampler.start()
        # one after the other: each batch writes its watermark on the
        # backend's row (as action_import_all chains them)
        for action in ("action_import_customers", "action_import_products"):
            since = reader.max_job_id()
            admin.call("demo.shop.backend", action, [[backend_id]])
            reader.wait_jobs_idle(since_id=since, timeout=1800)
        ctx.log("bench_e2e: %s: customers and products imported", mode)
        since = reader.max_job_id()
        started = time.perf_counter()
        admin.call("demo.shop.backend", "action_import_orders", [[backend_id]])
        states = reader.wait_jobs_idle(since_id=since, timeout=7200, settle=0.5)
        elapsed = time.perf_counter() - started
        sampler.stop()
        methods = dict(
            reader.all(
                "SELECT method_name, count(*) FROM queue_job WHERE id > %s "
                "GROUP BY method_name",
                (since,),
            )
        )
        imported = reader.scalar(
            "SELECT count(*) FROM demo_shop_sale_order WHERE backend_id = %s",
            (backend_id,),
        )
        lines = reader.scalar(
            "SELECT count(*) FROM demo_shop_sale_order_line WHERE backend_id = %s",
            (backend_id,),
        )
        jobs = sum(methods.values())
        idle_mib = max(rss_idle or [0]) / 1024
        peak_mib = sampler.peak_kib / 1024
        ctx.log("bench_e2e: %s: %s orders in %.1f s", mode, imported, elapsed)
        figures = {
            "chunk_size": chunk_size,
            "orders": imported,
            "lines": lines,
            "import_s": round(elapsed, 1),
            "orders_per_s": round(imported / elapsed, 2),
            "lines_per_s": round(lines / elapsed, 2),
            "job_states": states,
            "jobs": methods,
            "jobs_per_2000_orders": round(jobs * 2000 / max(imported, 1)),
            "worker_rss_idle_mib": round(idle_mib, 1),
            "peak_worker_rss_mib": round(peak_mib, 1),
            "rss_over_idle_mib": round(peak_mib - idle_mib, 1),
            "workers_seen": len(sampler.pids),
        }
        return figures, backend_id, reader
    except BaseException:
        if reader:
            reader.close()
        raise
    finally:
        if server:
            server.stop()


def run(ctx):
    workdir = Path(tempfile.mkdtemp(prefix="bench_e2e_"))
    ctx.log("bench_e2e: logs in %s", workdir)
    shop = Shop(workdir / "shop", seed=SEED)
    database = None
    readers = []
    try:
        orders = _grow_shop(shop, ORDERS)
        ctx.log("bench_e2e: shop with %s orders; installing", orders)
        started = time.perf_counter()
        database = OdooDatabase.create(DBNAME, workdir / "install.log")
        result = {"install_s": round(time.perf_counter() - started, 1)}
        backends = {}
        for mode, chunk_size in MODES:
            figures, backends[mode], reader = _import_orders(
                ctx, workdir, shop, mode, chunk_size
            )
            readers.append(reader)
            result[mode] = figures
            ctx.log("bench_e2e: %s: %s", mode, json.dumps(figures, sort_keys=True))
        same_orders = _orders_of(readers[0], backends["per_record"])
        result["plain_orm"] = _plain_orm(ctx, workdir, same_orders)
        chunked = result["chunked"]["orders_per_s"]
        result["chunked_vs_per_record"] = round(
            chunked / result["per_record"]["orders_per_s"], 2
        )
        result["chunked_vs_plain_orm"] = round(
            chunked / result["plain_orm"]["orders_per_s"], 2
        )
        return result
    finally:
        for reader in readers:
            reader.close()
        if database:
            database.drop()
        shop.stop()
