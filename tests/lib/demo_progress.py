# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Follow the main job's imports until every job has ended, then summarize.

Reads the database (never writes): the queue_job jobs created after
``--since`` and the binding tables of the connector. On a terminal it
redraws a progress bar; otherwise it prints a plain line when something
changed. At the end it lists what was imported, the failed jobs and the
checkpoints to review, each with its URL::

    python3 tests/lib/demo_progress.py --db connector_demo --since 1200 \\
        --url http://127.0.0.1:8069
"""

import argparse
import sys
import time

import psycopg2

NOT_ENDED = ("wait_dependencies", "pending", "enqueued", "started")
PLAIN_EVERY = 10.0  # seconds between two plain progress lines
NO_JOB_WAIT = 60.0  # seconds to wait for a first job
BAR_WIDTH = 30


def binding_models(cr):
    """``[(model, label, table)]`` of the connector's binding models."""
    cr.execute(
        """
        SELECT m.model, COALESCE(m.name->>'en_US', m.model)
          FROM ir_model m
          JOIN ir_model_fields f ON f.model_id = m.id AND f.name = 'sync_date'
          JOIN ir_model_fields b ON b.model_id = m.id AND b.name = 'backend_id'
         WHERE m.model LIKE 'demo.shop.%%'
           -- abstract models have no table
           AND to_regclass(replace(m.model, '.', '_')) IS NOT NULL
         ORDER BY m.id
        """
    )
    return [(model, label, model.replace(".", "_")) for model, label in cr.fetchall()]


def snapshot(cr, since, models):
    """Job counts by state and binding counts by model, now."""
    cr.execute(
        "SELECT state, count(*) FROM queue_job WHERE id > %s GROUP BY state", (since,)
    )
    jobs = dict(cr.fetchall())
    bindings = {}
    for model, _label, table in models:
        cr.execute(f'SELECT count(*) FROM "{table}"')
        bindings[model] = cr.fetchone()[0]
    return jobs, bindings


def describe(jobs, bindings, models):
    pending = sum(jobs.get(state, 0) for state in NOT_ENDED)
    done, failed = jobs.get("done", 0), jobs.get("failed", 0)
    records = ", ".join(f"{label}: {bindings[model]}" for model, label, _t in models)
    line = f"jobs {done} done, {pending} pending, {failed} failed | {records}"
    return pending, done, failed, line


def bar(done, total):
    filled = BAR_WIDTH * done // total if total else 0
    return "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "]"


def follow(conn, since, timeout, interval, out):
    """Print the progress until no job is left to run; return the last snapshot."""
    with conn.cursor() as cr:
        models = binding_models(cr)
    tty = out.isatty()
    started = time.monotonic()
    deadline = started + timeout
    last_line = None
    last_print = 0.0
    settled = 0
    while True:
        with conn.cursor() as cr:
            jobs, bindings = snapshot(cr, since, models)
        conn.rollback()
        pending, done, failed, line = describe(jobs, bindings, models)
        total = pending + done + failed + jobs.get("cancelled", 0)
        if tty:
            out.write(f"\r{bar(done + failed, total)} {line}\033[K")
        elif line != last_line and time.monotonic() - last_print >= PLAIN_EVERY:
            out.write(f"[suite] imports: {line}\n")
            last_line, last_print = line, time.monotonic()
        out.flush()
        # ended: nothing left twice in a row (a job may enqueue more)
        settled = settled + 1 if total and not pending else 0
        if settled >= 2:
            if not tty and line != last_line:
                out.write(f"[suite] imports: {line}\n")
            break
        if not total and time.monotonic() > started + NO_JOB_WAIT:
            out.write(f"\n[suite] no import job after {NO_JOB_WAIT:.0f} s\n")
            break
        if time.monotonic() > deadline:
            out.write(f"\n[suite] imports still running after {timeout} s\n")
            break
        time.sleep(interval)
    if tty:
        out.write("\n")
    return models, jobs, bindings


def summary(conn, since, url, models, bindings, out):
    """What was imported, the failed jobs and the checkpoints to review."""
    lines = ["[suite] imports ended:"]
    for model, label, _table in models:
        lines.append(f"  {bindings[model]:>6}  {label}")
    with conn.cursor() as cr:
        cr.execute(
            "SELECT id, name, exc_message FROM queue_job"
            " WHERE id > %s AND state = 'failed' ORDER BY id",
            (since,),
        )
        failed = cr.fetchall()
        cr.execute(
            "SELECT c.id, m.model, c.record_id FROM connector_checkpoint c"
            " JOIN ir_model m ON m.id = c.model_id"
            " WHERE c.state = 'need_review' ORDER BY c.id"
        )
        checkpoints = cr.fetchall()
    conn.rollback()
    backends = f"{url}/odoo/action-connector_demo_shop.demo_shop_backend_action"
    lines.append(f"  backends: {backends}")
    lines.append(f"  every job: {url}/odoo/connector-jobs")
    lines.append(f"  failed jobs: {len(failed)}")
    for job_id, name, message in failed:
        reason = (message or "").strip().splitlines()[-1:] or [""]
        lines.append(f"    {url}/odoo/action-queue_job.action_queue_job/{job_id}")
        lines.append(f"      {name}: {reason[0]}")
    lines.append(f"  checkpoints to review: {len(checkpoints)}")
    for checkpoint_id, model, record_id in checkpoints:
        link = f"{url}/odoo/connector-checkpoints/{checkpoint_id}"
        lines.append(f"    {link}  ({model} #{record_id})")
    out.write("\n".join(lines) + "\n")
    out.flush()
    return failed, checkpoints


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--since", type=int, required=True, help="last job id before")
    parser.add_argument("--url", required=True, help="Odoo's URL, for the links")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args(argv)
    conn = psycopg2.connect(dbname=args.db)
    try:
        models, _jobs, bindings = follow(
            conn, args.since, args.timeout, args.interval, sys.stdout
        )
        summary(conn, args.since, args.url, models, bindings, sys.stdout)
    except KeyboardInterrupt:
        # Ctrl-C stops the whole main job: no traceback on the terminal
        sys.stdout.write("\n")
        sys.exit(130)
    finally:
        conn.close()


if __name__ == "__main__":
    main()
