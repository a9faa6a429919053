# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End-to-end benchmark: orders imported through the queue_job runner.

Out of process, as in production (the harness of ``tests/e2e``): a fresh
database ``bench_e2e`` with ``connector_demo_shop`` installed (dropped at the
end), the demo shop seeded with 42 and grown to 2,000 orders of 1-5 lines,
and ``odoo`` with 2 HTTP workers, a cron worker and the job runner
(``ODOO_QUEUE_JOB_CHANNELS=root:2``). Customers and products are imported
first; then "import orders" is pressed through JSON-RPC and timed until no
job is left. It reports:

* ``orders_per_s`` / ``lines_per_s``: orders (and their product lines)
  imported per second, wall clock, from the press to the last job done
  (the batch job listing the shop included);
* ``peak_worker_rss_mib``: the highest ``VmHWM`` (peak resident set) among
  the HTTP workers while importing the 2,000 orders, sampled every 0.2 s
  from ``/proc/<pid>/status`` (a worker replaced meanwhile counts too);
  ``worker_rss_before_mib`` is their ``VmRSS`` before the import.

Wall clock figures: the work is spread over several processes and
PostgreSQL, so CPU time of the runner means nothing here; a loaded machine
gives lower rates.
"""

import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.e2e.harness import (
    DbReader,
    OdooDatabase,
    OdooServer,
    Rpc,
    Shop,
    make_backend,
    proc_status_kib,
)

DBNAME = "bench_e2e"
ORDERS = 2_000
SEED = 42


def _grow_shop(shop, total, seed=SEED):
    """Create orders (1-5 lines, paid) until the shop has ``total`` of them."""
    rng = random.Random(seed)
    customers = [c["id"] for c in shop.all("customers")]
    products = [p["id"] for p in shop.all("products") if p["status"] == "publish"]
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


def run(ctx):
    workdir = Path(tempfile.mkdtemp(prefix="bench_e2e_"))
    ctx.log("bench_e2e: logs in %s", workdir)
    shop = Shop(workdir / "shop", seed=SEED)
    database = server = reader = None
    try:
        orders = _grow_shop(shop, ORDERS)
        lines = sum(
            len(o["line_items"]) for o in shop.all("orders") if o["status"] != "trash"
        )
        ctx.log("bench_e2e: shop with %s orders, %s lines; installing", orders, lines)
        started = time.perf_counter()
        database = OdooDatabase.create(DBNAME, workdir / "install.log")
        install_s = time.perf_counter() - started
        server = OdooServer(DBNAME, workdir / "odoo.log", workers=2).start()
        reader = DbReader(DBNAME)
        admin = Rpc(server.url, DBNAME, "admin", "admin", timeout=300)
        backend_id = make_backend(admin, shop, "Benchmark", request_timeout=30)
        since = reader.max_job_id()
        admin.call("demo.shop.backend", "action_import_customers", [[backend_id]])
        admin.call("demo.shop.backend", "action_import_products", [[backend_id]])
        reader.wait_jobs_idle(since_id=since, timeout=900)
        rss_before = [
            proc_status_kib(pid, "VmRSS") or 0
            for pid in server.worker_pids("WorkerHTTP")
        ]
        ctx.log("bench_e2e: customers and products imported; importing orders")
        sampler = _RssSampler(server)
        sampler.start()
        since = reader.max_job_id()
        started = time.perf_counter()
        admin.call("demo.shop.backend", "action_import_orders", [[backend_id]])
        states = reader.wait_jobs_idle(since_id=since, timeout=7200, settle=0.5)
        elapsed = time.perf_counter() - started
        sampler.stop()
        imported = reader.scalar(
            "SELECT count(*) FROM demo_shop_sale_order WHERE backend_id = %s",
            (backend_id,),
        )
        imported_lines = reader.scalar(
            "SELECT count(*) FROM demo_shop_sale_order_line WHERE backend_id = %s",
            (backend_id,),
        )
        return {
            "orders": imported,
            "lines": imported_lines,
            "import_s": round(elapsed, 1),
            "orders_per_s": round(imported / elapsed, 2),
            "lines_per_s": round(imported_lines / elapsed, 2),
            "jobs": states,
            "peak_worker_rss_mib": round(sampler.peak_kib / 1024, 1),
            "worker_rss_before_mib": round(max(rss_before or [0]) / 1024, 1),
            "workers_seen": len(sampler.pids),
            "install_s": round(install_s, 1),
        }
    finally:
        if reader:
            reader.close()
        if server:
            server.stop()
        if database:
            database.drop()
        shop.stop()
