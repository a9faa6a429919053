# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Export contention: several exports of one record at once."""

from .checks import failed_jobs


def test_concurrent_exports_of_one_record_all_succeed(admin, db, main_shop, imported):
    """Exports of one partner at once: one holds it, the others retry, all end done."""
    binding = admin.call(
        "demo.shop.res.partner",
        "search_read",
        [[("backend_id", "=", imported["backend_id"])]],
        fields=["odoo_id", "external_id"],
        limit=1,
        order="id desc",
    )[0]
    # the shop answers slowly: the first export holds the binding while the
    # others start on the second worker
    main_shop.faults(
        {
            "mode": "latency",
            "delay": 3,
            "count": 2,
            "method": "PUT",
            "path_prefix": f"/wp-json/wc/v3/customers/{binding['external_id']}",
        }
    )
    since = db.max_job_id()
    cities = [f"Contention {n}" for n in range(4)]
    for city in cities:
        admin.call("res.partner", "write", [[binding["odoo_id"][0]], {"city": city}])
    states = db.wait_jobs_idle(since_id=since, timeout=240)
    main_shop.clear_faults()
    assert states == {"done": len(cities)}, (states, failed_jobs(db, since))
    retried = db.scalar(
        "SELECT count(*) FROM queue_job WHERE id > %s AND retry > 0", (since,)
    )
    assert retried >= 1, "no export had to wait for the one holding the record"
    customer = main_shop.api("GET", f"customers/{binding['external_id']}").json()
    assert customer["billing"]["city"] == cities[-1]
