"""Benchmark of ``component_event``: what events cost on a plain workload.

Workload: create 2,000 ``res.partner`` and write each of them once, in 40
chunks of 50 records: one ``create`` of the 50 records (one INSERT), one
``write`` per record, a flush. Three scenarios:

* ``plain``: a database with only what ``component_event`` depends on
  (``base`` + ``component``): plain Odoo;
* ``no_listener``: a database with ``component_event`` installed and no
  listener for ``res.partner``;
* ``one_listener``: the same database, with one trivial listener of
  ``on_record_create`` and ``on_record_write`` for ``res.partner``, built in
  this process into a copy of the database's component registry that replaces
  the live one during its runs.

Each run is rolled back. The scenarios run in interleaved rounds (so that
machine noise hits them alike); a scenario's figure is the sum, over the 40
chunks, of the best time of each chunk across the rounds. Small chunks make
the per-record cost of events count more (one ``create`` event lookup per 50
records instead of one per 2,000), never less.
Targets: ``no_listener`` at most 3% over ``plain``, ``one_listener`` at most
5%.

Times are the CPU time of the Odoo process (as ``run.py``'s helpers do):
events cost Python time only, no SQL, and PostgreSQL's share of the run is
left out of the denominator, so the percentages are conservative.

Run with ``python3 tests/benchmarks/run.py --only event``.
"""

import gc
import subprocess
import time

RECORDS = 2000
REPEAT = 15
CHUNK = 50
TARGETS_PCT = {"no_listener": 3.0, "one_listener": 5.0}


def _listener_registry(env):
    """A ready copy of the database's component registry plus one trivial
    listener of res.partner."""
    from odoo.addons.component.core import Component, ComponentRegistry

    class BenchPartnerListener(Component):
        _name = "bench.partner.listener"
        _inherit = "base.event.listener"
        _apply_on = "res.partner"

        def on_record_create(self, record, fields=None):
            pass

        def on_record_write(self, record, fields=None):
            pass

    registry = ComponentRegistry()
    env["component.builder"].build_registry(registry)
    BenchPartnerListener._build_component(registry)
    registry.ready = True
    return registry


def _workload(env, round_no):
    """Create RECORDS partners and write each once, CHUNK records at a time:
    one ``create`` of CHUNK records, one ``write`` per record, then a flush.

    Return the CPU time of this process for each chunk, in seconds.
    """
    clock = time.process_time
    partner_model = env["res.partner"]
    times = []
    for offset in range(0, RECORDS, CHUNK):
        vals_list = [
            {"name": f"Bench {round_no}-{offset + index}"} for index in range(CHUNK)
        ]
        start = clock()
        partners = partner_model.create(vals_list)
        for index, partner in enumerate(partners):
            partner.write({"ref": f"R{offset + index}"})
        env.flush_all()
        times.append(clock() - start)
    return times


def _vacuum(dbname):
    """Clean the rows left by rolled-back runs, so that every run starts from
    the same table state whatever ran before on that database."""
    subprocess.run(
        ["psql", "-Xq", "-d", dbname, "-c", "VACUUM ANALYZE res_partner"],
        check=True,
    )


def _measure(ctx, dbname, round_no):
    """One rolled-back run of the workload on ``dbname``."""
    _vacuum(dbname)
    gc.collect()
    with ctx.environment(dbname) as env:
        gc.disable()  # a collection would land at random in one scenario
        try:
            return _workload(env, round_no)
        finally:
            gc.enable()


def _pct(value, reference):
    return round((value - reference) / reference * 100.0, 2)


def run(ctx):
    """Run the benchmark and return its figures (times in seconds)."""
    plain_db = ctx.database(["component"])
    event_db = ctx.database(["component", "component_event"])
    from odoo.addons.component.core import _component_databases

    with ctx.environment(event_db) as env:
        live = _component_databases[event_db]
        listening = _listener_registry(env)
        # the scenarios measure what they claim to
        assert not env["res.partner"]._event("on_record_write").has_listeners
        _component_databases[event_db] = listening
        try:
            assert env["res.partner"]._event("on_record_write").has_listeners
        finally:
            _component_databases[event_db] = live
    with ctx.environment(plain_db) as env:
        assert not hasattr(env["res.partner"], "_event")

    def one_listener(round_no):
        _component_databases[event_db] = listening
        try:
            return _measure(ctx, event_db, round_no)
        finally:
            _component_databases[event_db] = live

    scenarios = {
        "plain": lambda round_no: _measure(ctx, plain_db, round_no),
        "no_listener": lambda round_no: _measure(ctx, event_db, round_no),
        "one_listener": one_listener,
    }
    samples = {name: [] for name in scenarios}
    for scenario in scenarios.values():  # warm-up, not counted
        scenario(0)
    names = list(scenarios)
    for round_no in range(1, REPEAT + 1):
        # rotate the order: no scenario always runs right after another one
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(scenarios[name](round_no))
        ctx.log(
            f"event round {round_no}/{REPEAT}: "
            + ", ".join(
                f"{name} {sum(runs[-1]):.3f}s" for name, runs in samples.items()
            )
        )

    # Sum, over the chunks, of each chunk's best time across rounds: a chunk
    # is often measured free of disturbance even on a loaded machine, a whole
    # run rarely is.
    best = {
        name: sum(min(chunk_times) for chunk_times in zip(*runs, strict=True))
        for name, runs in samples.items()
    }
    result = {
        "benchmark": "component_event",
        "workload": (
            f"create {RECORDS} res.partner and write each once, "
            f"in chunks of {CHUNK} (one create, {CHUNK} writes, flush)"
        ),
        "repeat": REPEAT,
        "targets_pct": TARGETS_PCT,
    }
    result["best_cpu_seconds"] = {name: round(value, 4) for name, value in best.items()}
    result["best_of_whole_runs_cpu_seconds"] = {
        name: round(min(sum(run) for run in runs), 4) for name, runs in samples.items()
    }
    result["overhead_pct"] = {
        name: _pct(best[name], best["plain"]) for name in TARGETS_PCT
    }
    result["within_targets"] = all(
        result["overhead_pct"][name] <= target for name, target in TARGETS_PCT.items()
    )
    return result
