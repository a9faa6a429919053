# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Session fixtures of the end-to-end tests: a fresh database with
``connector_demo_shop`` installed, a real multi-worker Odoo server with the
queue_job runner, demo shops as subprocesses, JSON-RPC clients.

The database is created for the run and dropped at its end. For debugging
only, ``E2E_DB=<name>`` uses an existing database where the suite was just
installed (nothing imported yet; it is kept afterwards);
``E2E_KEEP=1`` keeps the created one. Logs (install, server, shops) are in a
pytest temporary directory printed at the start of the session.
"""

import os
import secrets
import threading

import pytest

# plain asserts of the shared checks report their operands too
pytest.register_assert_rewrite(__package__ + ".checks")

from .harness import (
    DbReader,
    OdooDatabase,
    OdooServer,
    Rpc,
    Shop,
    import_all,
    make_backend,
)

MAIN_SEED = 42
ORDERS = 200
CONCURRENT_RUNS = 3


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory):
    """Directory of the logs of this run."""
    path = tmp_path_factory.mktemp("e2e")
    print(f"\ne2e logs in {path}")
    return path


@pytest.fixture(scope="session")
def odoo_db(run_dir):
    """Name of a database created for the run with connector_demo_shop installed."""
    reused = os.environ.get("E2E_DB")
    if reused:
        yield reused
        return
    name = f"e2e_{os.getpid()}_{secrets.token_hex(3)}"
    database = OdooDatabase.create(name, run_dir / "install.log")
    yield name
    if not os.environ.get("E2E_KEEP"):
        database.drop()


@pytest.fixture(scope="session")
def server(odoo_db, run_dir):
    """The Odoo server (2 HTTP workers, 1 cron worker, the job runner)."""
    odoo = OdooServer(odoo_db, run_dir / "odoo.log").start()
    yield odoo
    odoo.stop()


@pytest.fixture(scope="session")
def db(odoo_db):
    """Read-only SQL access to the database."""
    reader = DbReader(odoo_db)
    yield reader
    reader.close()


@pytest.fixture(scope="session")
def admin(server):
    """JSON-RPC client logged in as admin."""
    return Rpc(server.url, server.dbname, "admin", "admin")


@pytest.fixture(scope="session")
def make_user(admin, server):
    """Create a user in the given groups (xmlids) and return its RPC client."""

    def make(login, groups):
        password = "pw-" + secrets.token_hex(12)
        group_ids = [admin.xmlid(xmlid) for xmlid in groups]
        admin.call(
            "res.users",
            "create",
            [
                {
                    "name": login.title(),
                    "login": login,
                    "password": password,
                    "group_ids": [(6, 0, group_ids)],
                }
            ],
        )
        return Rpc(server.url, server.dbname, login, password)

    return make


@pytest.fixture(scope="session")
def main_shop(run_dir):
    """The demo shop seeded with 42 (60 customers, 120 products, 240 orders,
    trimmed to 200 by :func:`concurrent_import`)."""
    shop = Shop(run_dir / "shop_main", seed=MAIN_SEED)
    yield shop
    shop.stop()


@pytest.fixture(scope="session")
def concurrent_import(admin, db, server, main_shop):
    """Backend "E2E main" after CONCURRENT_RUNS order imports pressed at once
    through RPC on a shop trimmed to 200 orders (customers and products come
    in as dependencies of the orders)."""
    main_shop.keep_orders(ORDERS)
    backend_id = make_backend(admin, main_shop, "E2E main")
    since = db.max_job_id()
    barrier = threading.Barrier(CONCURRENT_RUNS)
    errors = []

    def press():
        try:
            client = Rpc(server.url, server.dbname, "admin", "admin")
            barrier.wait(timeout=30)
            client.call("demo.shop.backend", "action_import_orders", [[backend_id]])
        except Exception as err:  # noqa: BLE001 - reported by the fixture
            errors.append(err)

    threads = [threading.Thread(target=press) for _ in range(CONCURRENT_RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    states = db.wait_jobs_idle(since_id=since, timeout=480)
    return {
        "backend_id": backend_id,
        "since": since,
        "until": db.max_job_id(),
        "states": states,
    }


@pytest.fixture(scope="session")
def imported(admin, db, main_shop, concurrent_import):
    """Backend "E2E main" after "import all" following the concurrent order
    imports (their failed jobs requeued): every customer and product, and
    the 200 orders."""
    backend_id = concurrent_import["backend_id"]
    # what an operator does after the concurrent imports: requeue the failed
    # jobs (their failures are asserted by test_concurrency_import)
    failed = [
        job_id
        for (job_id,) in db.all(
            "SELECT id FROM queue_job WHERE id > %s AND state = 'failed'",
            (concurrent_import["since"],),
        )
    ]
    if failed:
        admin.call("queue.job", "requeue", [failed])
        db.wait_jobs_idle(since_id=concurrent_import["since"])
    since, states = import_all(admin, db, backend_id)
    return {"backend_id": backend_id, "since": since, "states": states}
