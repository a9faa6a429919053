# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Concurrency: several imports of the same 200 orders pressed at once."""

from .checks import assert_no_duplicates


def test_concurrent_imports_bind_each_order_once(db, concurrent_import):
    """Concurrent imports of 200 orders give 200 order bindings, each with its lines."""
    backend_id = concurrent_import["backend_id"]
    assert (
        db.scalar(
            "SELECT count(*) FROM demo_shop_sale_order WHERE backend_id = %s",
            (backend_id,),
        )
        == 200
    )
    assert not db.all(
        """
        SELECT b.external_id FROM demo_shop_sale_order b
         WHERE b.backend_id = %s AND NOT EXISTS (
               SELECT 1 FROM demo_shop_sale_order_line l
                WHERE l.demo_shop_order_id = b.id)
        """,
        (backend_id,),
    )


def test_concurrent_imports_create_no_duplicate(db, concurrent_import):
    """No shop record is bound twice and no partner or product is created twice."""
    assert_no_duplicates(db, concurrent_import["backend_id"])


def test_concurrent_imports_leave_no_job_behind(db, concurrent_import):
    """Every job of the concurrent imports is done, or failed with a reason."""
    since, until = concurrent_import["since"], concurrent_import["until"]
    states = dict(
        db.all(
            "SELECT state, count(*) FROM queue_job WHERE id > %s AND id <= %s "
            "GROUP BY state",
            (since, until),
        )
    )
    assert set(states) <= {"done", "failed"}, states
    assert sum(states.values()) >= 203  # 3 batch jobs, then one job per order
    unexplained = db.all(
        "SELECT uuid FROM queue_job WHERE id > %s AND id <= %s AND state = 'failed' "
        "AND (coalesce(exc_info, '') = '' OR coalesce(exc_name, '') = '')",
        (since, until),
    )
    assert not unexplained


def test_concurrent_imports_fail_no_job(db, concurrent_import):
    """Concurrent imports of the same orders end with every job done, none failed."""
    failed = db.all(
        "SELECT method_name, exc_name, left(exc_message, 200) FROM queue_job "
        "WHERE id > %s AND id <= %s AND state = 'failed'",
        (concurrent_import["since"], concurrent_import["until"]),
    )
    assert failed == []
