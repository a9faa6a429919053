# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End to end: "import all" pressed through JSON-RPC, run by the job runner."""

from .checks import (
    amount_mismatches,
    assert_customers_match,
    assert_no_duplicates,
    assert_orders_match,
    assert_products_match,
    failed_jobs,
)

SNAPSHOT = (
    "SELECT 'o', id, write_date FROM sale_order UNION ALL "
    "SELECT 'l', id, write_date FROM sale_order_line UNION ALL "
    "SELECT 'p', id, write_date FROM res_partner UNION ALL "
    "SELECT 'q', id, write_date FROM product_product ORDER BY 1, 2"
)


def test_import_all_matches_the_shop(admin, db, main_shop, imported):
    """Every customer, product and order with its lines in Odoo equals the shop's."""
    backend_id = imported["backend_id"]
    assert not failed_jobs(db, imported["since"])
    assert set(imported["states"]) == {"done"}, imported["states"]
    assert_customers_match(admin, main_shop, backend_id)
    assert_products_match(admin, main_shop, backend_id)
    orders, _bindings = assert_orders_match(admin, main_shop, backend_id)
    assert len(orders) == 200
    assert_no_duplicates(db, backend_id)


def test_order_amounts_match_to_the_cent(admin, main_shop, imported):
    """Every imported order total and line total equals the shop's to the cent."""
    assert amount_mismatches(admin, main_shop, imported["backend_id"]) == []


def test_import_jobs_ran_in_server_workers(db, server, imported):
    """The import ran as queue_job jobs that the job runner sent to the HTTP workers."""
    rows = dict(
        db.all(
            "SELECT method_name, count(*) FROM queue_job WHERE id > %s "
            "GROUP BY method_name",
            (imported["since"],),
        )
    )
    assert rows["import_batch"] == 3
    pids = {
        pid
        for (pid,) in db.all(
            "SELECT DISTINCT worker_pid FROM queue_job WHERE id > %s",
            (imported["since"],),
        )
    }
    assert len(server.worker_pids("WorkerHTTP")) == 2
    assert pids and pids <= server.logged_worker_pids("WorkerHTTP")
    assert server.log_text().count("GET /queue_job/runjob?job_uuid=") >= sum(
        rows.values()
    )


def test_second_import_changes_nothing(admin, db, imported):
    """Importing again an unchanged shop enqueues no record job and writes nothing."""
    before = db.all(SNAPSHOT)
    since = db.max_job_id()
    admin.call("demo.shop.backend", "action_import_all", [[imported["backend_id"]]])
    states = db.wait_jobs_idle(since_id=since)
    assert states == {"done": 3}, states
    assert db.all(SNAPSHOT) == before
