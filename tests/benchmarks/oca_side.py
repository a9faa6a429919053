# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One framework's side of ``run.py --against-oca`` (run in a subprocess).

::

    python3 tests/benchmarks/oca_side.py --addons-path A,B --db bench_oca_x

``--addons-path`` holds one framework (``component``, ``component_event``,
``connector``: ours, or OCA's unpacked wheels) and ``oca_fixture`` with the
fixture connector ``bench_oca_fixture``, written against OCA's public API
only. The database is created (``odoo -i bench_oca_fixture``) when missing.
Prints one JSON object on stdout: ``{"framework": path of the connector
package loaded, "figures": {figure: {"cpu": [rates], "wall": [rates]}}}``,
one rate per repetition, per second of CPU time of this process and of
elapsed time. With ``--lockstep`` it first says ``turn`` on stdout before
each repetition and waits for ``go`` on stdin.
"""

import argparse
import gc
import itertools
import json
import shutil
import subprocess
import sys
import time

MODULE = "bench_oca_fixture"
_counter = itertools.count(1)


def _database_exists(dbname):
    query = f"SELECT 1 FROM pg_database WHERE datname = '{dbname}'"
    for attempt in range(5):
        result = subprocess.run(
            ["psql", "-d", "postgres", "-Atc", query],
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
        )
        if result.returncode == 0:
            return bool(result.stdout.strip())
        time.sleep(1 + attempt)  # the server may be restarting or full
    raise RuntimeError(f"psql failed: {result.stderr.strip()}")


def _ensure_database(addons_path, dbname):
    exists = _database_exists(dbname)
    if exists:
        return
    odoo = shutil.which("odoo")
    command = [odoo] if odoo else [sys.executable, "-m", "odoo"]
    command += [
        f"--addons-path={addons_path}",
        "-d",
        dbname,
        "-i",
        MODULE,
        "--stop-after-init",
        "--no-http",
        "--log-level=warn",
    ]
    subprocess.run(command, stdout=sys.stderr, stderr=sys.stderr, check=True)


class Side:
    def __init__(self, env, repeat, lockstep=False):
        self.env = env
        self.repeat = repeat
        self.lockstep = lockstep
        self.figures = {}

    def _wait_turn(self):
        """With ``--lockstep``: say ``turn`` on stdout, then wait for ``go``
        on stdin before the next repetition (its setup included). The
        coordinator (``against_oca.py``) runs the two frameworks' sides this
        way, one repetition each in turn, the other side idle meanwhile."""
        if not self.lockstep:
            return
        sys.stdout.write("turn\n")
        sys.stdout.flush()
        answer = sys.stdin.readline().strip()
        if answer != "go":
            raise SystemExit(f"oca_side: expected 'go' on stdin, got {answer!r}")

    def measure(self, name, count, func, setup=None, rolled_back=False):
        """Rates of ``count`` operations done by ``func(state)``, one per
        repetition, by CPU time of this process and by elapsed time.

        ``rolled_back``: each repetition (its setup too) runs in a savepoint
        rolled back after it, caches emptied: every repetition starts from
        the same database, none pays for the records of the previous ones
        (a transaction holding thousands more records makes each ORM
        create slower, by 10 % over 25 repetitions of 300 partners here).
        """
        self.measure_alternately([(name, count, func, setup)], rolled_back)

    def measure_alternately(self, figures, rolled_back=False, turns=1):
        """:meth:`measure` for several ``(name, count, func, setup)``, one
        repetition of each in turn (forwards, then backwards): figures that
        are compared with each other are measured at the same moments, so
        a slower phase of the machine weighs on all of them.

        ``turns``: repetitions per ``--repeat``. Short repetitions, many of
        them, alternate faster than the machine's speed drifts: with 12
        turns of 25 partners the ratio import / plain ORM create measured
        0.962 to 0.972 in three processes in a row, where repetitions of
        300 spread it from 0.924 to 0.994 (the same 300 creates took from
        10.2 to 13.7 ms each from one repetition to the next).
        """
        for name, *__ in figures:
            self.figures[name] = {"cpu": [], "wall": []}
        for repetition in range(self.repeat * turns):
            for name, count, func, setup in figures[:: -1 if repetition % 2 else 1]:
                self._wait_turn()
                savepoint = self.env.cr.savepoint() if rolled_back else None
                try:
                    cpu, wall = self._time(func, setup() if setup else None)
                finally:
                    if savepoint is not None:
                        savepoint.close(rollback=True)
                self.figures[name]["cpu"].append(count / cpu)
                self.figures[name]["wall"].append(count / wall)

    @staticmethod
    def _time(func, state):
        """CPU and elapsed seconds of ``func(state)``, garbage collector off."""
        gc.collect()
        gc.disable()
        try:
            cpu, wall = time.process_time(), time.perf_counter()
            func(state)
            return time.process_time() - cpu, time.perf_counter() - wall
        finally:
            gc.enable()


def _external_partner(index):
    return {
        "first_name": f"First{index}",
        "last_name": f"Last{index}",
        "email": f"p{index}@example.com",
        "phone": f"+41 21 000 {index:04d}",
        "street": f"Rue {index}",
        "city": "Lausanne",
        "zip": "1000",
        "website": "",
        "addresses": [
            {
                "name": f"Home {index}",
                "street": "Chemin 1",
                "city": "Morges",
                "zip": "1110",
            },
            {
                "name": f"Work {index}",
                "street": "Avenue 2",
                "city": "Renens",
                "zip": "1020",
            },
        ],
    }


def _lookups(side, work, **__):
    number = 20_000

    def cached(__):
        component = work.component
        for __ in range(number):
            component(usage="import.mapper", model_name="bench.oca.binding")

    def by_name(__):
        component_by_name = work.component_by_name
        for __ in range(number):
            component_by_name("bench.oca.binder")

    side.measure("component_cached", number, cached)
    side.measure("component_by_name", number, by_name)


def _mapping(side, work, **__):
    records = [_external_partner(index) for index in range(2_000)]
    mapper = work.component(usage="import.mapper", model_name="res.partner")
    flat = work.component(usage="import.mapper", model_name="res.users")
    assert len(mapper.map_record(records[0]).values(for_create=True)["child_ids"]) == 2

    def map_all(mapper):
        for record in records:
            mapper.map_record(record).values(for_create=True)

    side.measure("map_with_children", len(records), lambda __: map_all(mapper))
    side.measure("map_flat", len(records), lambda __: map_all(flat))


def _events(side, env, **__):
    record = env["bench.oca.record"].create({"name": "evented"})
    number = 20_000

    def notify(__):
        for __ in range(number):
            record._event("on_bench_nothing").notify(record)

    side.measure("event_notify_no_listener", number, notify)


def _binder(side, env, backend, work, **__):
    count = 2_000
    bindings = env["bench.oca.binding"].create(
        [
            {"backend_id": backend.id, "name": f"B{index}", "external_id": f"E{index}"}
            for index in range(count)
        ]
    )
    env.flush_all()
    binder = work.component(usage="binder")
    assert binder.to_internal("E42") == bindings[42]
    assert binder.to_external(bindings[42]) == "E42"
    external_ids = [f"E{index}" for index in range(count)]

    def to_internal(__):
        for external_id in external_ids:
            binder.to_internal(external_id)

    def to_external(__):
        for __ in range(10):
            for binding in bindings:
                binder.to_external(binding)

    def bind(__):
        prefix = f"N{next(_counter)}-"
        for index, binding in enumerate(bindings):
            binder.bind(f"{prefix}{index}", binding)
        env.flush_all()

    side.measure("binder_to_internal", count, to_internal)
    side.measure("binder_to_external", count * 10, to_external)
    side.measure("binder_bind", count, bind)


def _imports(side, env, backend, **__):
    """Partners with 2 addresses imported through the fixture's importer,
    next to the plain ORM create / write of the same mapped values: 12
    turns of 25 per repetition (300 records)."""
    count = 25
    work = backend.work_on(
        "bench.oca.res.partner", remote={}, remote_ids=itertools.count(1)
    ).__enter__()
    importer = work.component(usage="record.importer")
    mapper = work.component(usage="import.mapper")
    Binding = env["bench.oca.res.partner"].with_context(connector_no_export=True)

    def remote_records():
        prefix = f"I{next(_counter)}-"
        ids = [f"{prefix}{index}" for index in range(count)]
        for index, external_id in enumerate(ids):
            work.remote[external_id] = dict(_external_partner(index), id=external_id)
        return ids

    def import_all(ids):
        for external_id in ids:
            importer.run(external_id)
        env.flush_all()

    def reimport_setup():
        ids = remote_records()
        import_all(ids)
        for external_id in ids:
            work.remote[external_id]["city"] = "Geneva"
        return ids

    def create_setup():
        ids = remote_records()
        return [
            dict(
                mapper.map_record(work.remote[external_id]).values(for_create=True),
                external_id=f"P{external_id}",
            )
            for external_id in ids
        ]

    def plain_create(values):
        for vals in values:
            Binding.create(vals)
        env.flush_all()

    def write_setup():
        bindings = Binding.browse()
        for vals in create_setup():
            bindings |= Binding.create(vals)
        env.flush_all()
        return [
            (
                binding,
                dict(
                    mapper.map_record(
                        dict(_external_partner(index), city="Geneva")
                    ).values(),
                    external_id=binding.external_id,
                ),
            )
            for index, binding in enumerate(bindings)
        ]

    def plain_write(pairs):
        for binding, values in pairs:
            binding.write(values)
        env.flush_all()

    # an import is compared with the plain ORM create / write of the same
    # values (ours_vs_orm): their repetitions alternate
    side.measure_alternately(
        [
            ("import_create", count, import_all, remote_records),
            ("orm_create", count, plain_create, create_setup),
            ("import_update", count, import_all, reimport_setup),
            ("orm_write", count, plain_write, write_setup),
        ],
        rolled_back=True,
        turns=12,
    )


def _exports(side, env, backend, work, **__):
    count = 300
    exporter = work.component(usage="record.exporter")

    def new_bindings():
        bindings = env["bench.oca.binding"].with_context(connector_no_export=True)
        bindings = bindings.create(
            [
                {"backend_id": backend.id, "name": f"X{index}", "ref": "R", "qty": 1}
                for index in range(count)
            ]
        )
        env.flush_all()
        return bindings

    def export_all(bindings):
        for binding in bindings:
            exporter.run(binding)
        env.flush_all()

    side.measure("exporter_create", count, export_all, new_bindings)
    remote_id = exporter.binder.to_external(
        env["bench.oca.binding"].search([("name", "=", "X7")], limit=1)
    )
    assert work.remote[remote_id]["title"] == "X7", remote_id


def _partners(side, env, **__):
    count = 2_000
    Partner = env["res.partner"]

    def workload(__):
        prefix = next(_counter)
        for offset in range(0, count, 50):
            partners = Partner.create(
                [{"name": f"P{prefix}-{offset + index}"} for index in range(50)]
            )
            for index, partner in enumerate(partners):
                partner.write({"ref": f"R{offset + index}"})
            env.flush_all()

    side.measure("partner_create_write", count, workload, rolled_back=True)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--lockstep",
        action="store_true",
        help="wait for 'go' on stdin before each repetition (see Side._wait_turn)",
    )
    args = parser.parse_args(argv)
    _ensure_database(args.addons_path, args.db)

    import odoo.tools.config
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            "--log-level=warn",
            "--http-interface=127.0.0.1",
        ],
        setup_logging=True,
    )
    registry = Registry(args.db)
    side, framework = None, sys.modules["odoo.addons.connector"].__file__
    # each group in a transaction of its own, rolled back (OCA's exporter
    # commits its own): no group pays for the records of the previous ones
    for group in (_lookups, _mapping, _events, _binder, _imports, _exports, _partners):
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            if side is None:
                side = Side(env, args.repeat, lockstep=args.lockstep)
            side.env = env
            backend = env["bench.oca.backend"].create({"name": "Bench"})
            with backend.work_on(
                "bench.oca.binding", remote={}, remote_ids=itertools.count(1)
            ) as work:
                group(side, env=env, backend=backend, work=work)
            cr.rollback()
    json.dump({"framework": framework, "figures": side.figures}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
