#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark runner of the suite: prints one JSON object of figures.

Run it from the repository root (Odoo 19 importable, PostgreSQL reachable)::

    python3 tests/benchmarks/run.py                    # every benchmark
    python3 tests/benchmarks/run.py --only component   # one (repeatable option)
    python3 tests/benchmarks/run.py --fresh            # recreate the databases
    python3 tests/benchmarks/run.py --clock wall       # force the clock (cpu|wall)
    python3 tests/benchmarks/run.py --against-oca      # ours / OCA, same run

``--against-oca`` downloads OCA's 19.0 framework wheels into a temporary
folder and runs the same scenarios on both frameworks (see
``against_oca.py``); it prints the JSON figures on stdout and a Markdown
table of the ratios on stderr.

The output, on stdout, is a single JSON object keyed by benchmark name
(``{"component": {...}, "connector": {...}}``); progress and Odoo logs go to
stderr. A benchmark that fails gives ``{"error": "..."}`` under its name and
the runner exits with status 1.

Plug-in interface
-----------------
Every ``tests/benchmarks/bench_<name>.py`` is a benchmark called ``<name>``.
It defines ``run(ctx) -> dict`` returning JSON-serialisable figures; ``ctx``
is a :class:`BenchContext` offering:

``ctx.repo``
    :class:`pathlib.Path` of the repository root, used as addons path.
``ctx.database(modules, name=None) -> str``
    Name of a PostgreSQL database (prefix ``bench_``) with ``modules``
    installed. It is created by ``odoo -i <modules> --stop-after-init`` in a
    subprocess, and reused by later runs while those modules are installed in
    it (``--fresh`` drops and recreates it). The default name derives from the
    modules: ``bench_component``, ``bench_component_event_connector``...
``ctx.setup_odoo()``
    Parse Odoo's configuration once for this process, with the repository as
    addons path, so that ``odoo.addons.<our addon>`` can be imported (call it
    before importing them; ``database`` and ``environment`` call it too).
``ctx.environment(dbname)``
    Context manager yielding a superuser :class:`odoo.api.Environment` on
    that database, in this process (the Odoo registry is loaded, so
    ``_register_hook``\\ s ran). Everything done is rolled back.
``ctx.rate(func, number=100_000, repeat=7, clock="wall") -> float``
    Calls per second of ``func()``: after a warm-up, ``number`` calls timed
    ``repeat`` times, best run kept.
``ctx.best_time(func, repeat=5, clock="wall") -> float``
    Best time in seconds of one ``func()`` call over ``repeat`` runs.
    Both time with :mod:`timeit` (garbage collector off). ``clock="wall"``
    measures elapsed time, database server included; ``clock="cpu"`` measures
    the CPU time of this process (:func:`time.process_time`), which keeps the
    load of other processes on a shared machine out of the figures of
    CPU-bound, pure-Python code (for such code it equals the wall time of an
    idle machine), but leaves out the time PostgreSQL works. ``--clock`` on
    the command line forces one clock for every benchmark.
``ctx.log(message, *args)``
    Progress line on stderr.

A minimal benchmark::

    def run(ctx):
        dbname = ctx.database(["component"])
        with ctx.environment(dbname) as env:
            partner = env["res.partner"]
            return {"search_count_per_s": ctx.rate(partner.search_count, number=200)}
"""

import argparse
import hashlib
import importlib.util
import json
import logging
import shutil
import subprocess
import sys
import time
import timeit
import traceback
from contextlib import contextmanager
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent.parent
DB_PREFIX = "bench_"

_logger = logging.getLogger("benchmarks")
_CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


class BenchContext:
    """Helpers given to every benchmark's ``run(ctx)`` (see module docstring)."""

    def __init__(self, repo=REPO, fresh=False, clock=None):
        self.repo = Path(repo)
        self.fresh = fresh
        self.forced_clock = clock
        self._configured = False
        self._checked = set()

    # -- output -------------------------------------------------------------
    def log(self, message, *args):
        sys.stderr.write("[bench] " + (message % args if args else message) + "\n")
        sys.stderr.flush()

    # -- Odoo set-up --------------------------------------------------------
    def setup_odoo(self):
        # Odoo's configuration is process-wide: parse it once, with our addons
        if self._configured:
            return
        import odoo.tools.config

        odoo.tools.config.parse_config(
            [
                f"--addons-path={self.repo}",
                "--log-level=warn",
                "--http-interface=127.0.0.1",
            ],
            setup_logging=True,
        )
        self._configured = True

    def _installed_modules(self, dbname):
        """Installed module names of ``dbname``, or None if it does not exist."""
        self.setup_odoo()
        import odoo.sql_db

        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            if not cr.fetchone():
                return None
        try:
            with odoo.sql_db.db_connect(dbname).cursor() as cr:
                cr.execute(
                    "SELECT name FROM ir_module_module WHERE state = 'installed'"
                )
                return {name for (name,) in cr.fetchall()}
        except Exception:  # noqa: BLE001 - a broken database is simply recreated
            _logger.warning("Database %s is unusable, it will be recreated", dbname)
            return set()

    def _odoo_command(self):
        executable = shutil.which("odoo")
        if executable:
            return [executable]
        return [sys.executable, "-m", "odoo"]

    def _drop(self, dbname):
        self.log("dropping database %s", dbname)
        subprocess.run(["dropdb", "--if-exists", "--force", dbname], check=True)

    def database(self, modules, name=None):
        """Return the name of a database with ``modules`` installed, creating it
        (``odoo -i``) when missing, incomplete or when ``--fresh`` is given."""
        modules = sorted(set(modules))
        dbname = name or DB_PREFIX + "_".join(modules)
        if len(dbname) > 63:  # PostgreSQL identifiers
            digest = hashlib.sha1(dbname.encode()).hexdigest()[:12]
            dbname = f"{DB_PREFIX}{len(modules)}_modules_{digest}"
        if not dbname.startswith(DB_PREFIX):
            raise ValueError(
                f"Benchmark database names start with {DB_PREFIX!r}: {dbname!r}"
            )
        if dbname in self._checked:
            return dbname
        installed = self._installed_modules(dbname)
        if installed is not None and (self.fresh or not set(modules) <= installed):
            self._drop(dbname)
            installed = None
        if installed is None:
            self.log("creating database %s with %s", dbname, ", ".join(modules))
            command = self._odoo_command() + [
                f"--addons-path={self.repo}",
                "-d",
                dbname,
                "-i",
                ",".join(modules),
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ]
            started = time.perf_counter()
            # Odoo's output goes to stderr: stdout is kept for the JSON result
            result = subprocess.run(
                command, stdout=sys.stderr, stderr=sys.stderr, check=False
            )
            if result.returncode:
                raise RuntimeError(
                    f"Creating {dbname} failed (exit {result.returncode}): "
                    + " ".join(command)
                )
            self.log("created %s in %.1f s", dbname, time.perf_counter() - started)
        self._checked.add(dbname)
        return dbname

    @contextmanager
    def environment(self, dbname):
        """Yield a superuser Environment on ``dbname``, rolled back afterwards."""
        self.setup_odoo()
        from odoo import api
        from odoo.modules.registry import Registry

        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            try:
                yield env
            finally:
                cr.rollback()

    # -- timing ---------------------------------------------------------------
    def _timer(self, func, clock):
        clock = self.forced_clock or clock
        if clock not in _CLOCKS:
            raise ValueError(f"clock must be one of {sorted(_CLOCKS)}, not {clock!r}")
        return timeit.Timer(func, timer=_CLOCKS[clock])

    def rate(self, func, number=100_000, repeat=7, clock="wall"):
        """Best calls per second of ``func()`` over ``repeat`` runs of ``number``."""
        timer = self._timer(func, clock)
        timer.timeit(number=max(1, number // 10))  # warm-up: caches, allocator
        return number / min(timer.repeat(repeat=repeat, number=number))

    def best_time(self, func, repeat=5, clock="wall"):
        """Best time, in seconds, of one ``func()`` call over ``repeat`` runs."""
        return min(self._timer(func, clock).repeat(repeat=repeat, number=1))


def discover(bench_dir=BENCH_DIR):
    """Return ``{name: path}`` of the ``bench_<name>.py`` modules, sorted."""
    return {
        path.stem[len("bench_") :]: path
        for path in sorted(bench_dir.glob("bench_*.py"))
    }


def load(name, path):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        raise TypeError(f"{path} must define run(ctx) -> dict")
    return module


def _against_oca(args):
    spec = importlib.util.spec_from_file_location(
        "against_oca", BENCH_DIR / "against_oca.py"
    )
    against_oca = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(against_oca)
    ctx = BenchContext(fresh=args.fresh)
    results = against_oca.compare(ctx.log, rounds=args.rounds, fresh=args.fresh)
    sys.stdout.write(json.dumps({"against_oca": results}, indent=2) + "\n")
    sys.stderr.write(against_oca.table(results) + "\n")
    return 0


def ensure_postgres():
    """Start PostgreSQL when it is installed but stopped (as the suite's
    commands do); stop with a message saying what to do when it cannot be."""
    if not shutil.which("pg_isready"):
        sys.exit("[bench] PostgreSQL is not installed (no pg_isready).")
    if subprocess.run(["pg_isready", "-q"], check=False).returncode == 0:
        return
    clusters = []
    if shutil.which("pg_lsclusters"):
        clusters = subprocess.run(
            ["pg_lsclusters", "--no-header"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split("\n")
    for line in filter(None, (line.split() for line in clusters)):
        sys.stderr.write(f"[bench] starting PostgreSQL cluster {line[0]}/{line[1]}\n")
        subprocess.run(["pg_ctlcluster", line[0], line[1], "start"], check=False)
    for _attempt in range(30):
        if subprocess.run(["pg_isready", "-q"], check=False).returncode == 0:
            return
        time.sleep(1)
    sys.exit(
        "[bench] PostgreSQL is not running and could not be started "
        "(try: pg_ctlcluster 15 main start)."
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and recreate the benchmark databases"
    )
    parser.add_argument(
        "--clock",
        choices=sorted(_CLOCKS),
        help="force this clock for every benchmark (default: each one's choice)",
    )
    parser.add_argument(
        "--list", action="store_true", help="list the benchmarks and exit"
    )
    parser.add_argument(
        "--against-oca",
        action="store_true",
        help="compare with OCA's framework (downloaded at run time), same run",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of --against-oca (default 3)"
    )
    args = parser.parse_args(argv)
    if not args.list:
        ensure_postgres()
    if args.against_oca:
        return _against_oca(args)

    available = discover()
    if args.list:
        sys.stdout.write("".join(f"{name}\n" for name in available))
        return 0
    selected = args.only or list(available)
    unknown = [name for name in selected if name not in available]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; available: {sorted(available)}")

    ctx = BenchContext(fresh=args.fresh, clock=args.clock)
    results, failed = {}, False
    for name in selected:
        ctx.log("running %s", name)
        started = time.perf_counter()
        try:
            results[name] = load(name, available[name]).run(ctx)
        except Exception as err:  # noqa: BLE001 - reported in the JSON, exit code 1
            traceback.print_exc(file=sys.stderr)
            results[name] = {"error": f"{type(err).__name__}: {err}"}
            failed = True
        ctx.log("%s done in %.1f s", name, time.perf_counter() - started)
    sys.stdout.write(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
