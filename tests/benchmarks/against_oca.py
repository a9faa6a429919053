# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``run.py --against-oca``: the same scenarios on OCA's framework and ours.

OCA's ``component``, ``component_event`` and ``connector`` 19.0 wheels are
downloaded from PyPI into a temporary folder (``pip download --no-deps``)
and unpacked there; they are never installed, committed, nor on the addons
path of the suite's tests. Each framework runs ``oca_side.py`` in its own
subprocess on its own database (``bench_oca_ours``, ``bench_oca_oca``),
with the fixture connector of ``oca_fixture/`` (OCA's public API only).
The two sides run in lockstep (:func:`_lockstep`): each repetition of a
figure is run by one side, then by the other, the order flipping at each
turn, so that both are measured within seconds of each other. That is done
``rounds`` times, two fresh processes each; a figure is the median of every
repetition of every round. The ratio is ours / OCA of the rates (higher is
better); for the partner workload the time ratio ours / OCA is printed too
(lower is better). Within a side, the record imports and the plain ORM
create / write they are compared with alternate in short turns (12 of 25
records per repetition), and every repetition that creates records
(imports, ORM, partners) runs in a savepoint rolled back after it: none
pays for the records of the previous ones.

The two databases are reused by later runs; ``--fresh`` recreates them,
which is needed after a change of the fixture's or a framework's models.
Rates are per second of CPU time of the benchmark process (PostgreSQL's
work left out, which keeps other processes of a shared machine out of the
figures) and, as ``wall``, of elapsed time.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent.parent
FIXTURE = BENCH_DIR / "oca_fixture"
WHEELS = ("odoo-addon-component", "odoo-addon-component_event", "odoo-addon-connector")

# figure: (label, goal of the ratio ours / OCA)
FIGURES = {
    "component_cached": ("cached component()", 2.0),
    "component_by_name": ("component_by_name", 1.5),
    "map_with_children": ("import mapper with children", 2.0),
    "map_flat": ("import mapper, flat", 2.0),
    "event_notify_no_listener": ("event notify, no listener", 2.0),
    "binder_to_internal": ("binder to_internal", 1.5),
    "binder_to_external": ("binder to_external", 1.0),
    "binder_bind": ("binder bind (with flush)", 1.5),
    "import_create": ("record import, create", 1.0),
    "import_update": ("record import, update", 1.0),
    "orm_create": ("plain ORM create", None),
    "orm_write": ("plain ORM write", None),
    "exporter_create": ("generic.exporter creating the remote record", 1.5),
    "partner_create_write": ("2,000 res.partner create + write", 1 / 1.02),
}


def download_oca(folder, log):
    """Download and unpack OCA's wheels into ``folder``; return the addons dir."""
    folder = Path(folder)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d"]
    command += [str(folder)] + [f"{name}==19.0.*" for name in WHEELS]
    log("downloading %s", ", ".join(WHEELS))
    subprocess.run(command, stdout=sys.stderr, check=True)
    for wheel in folder.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(folder)
    addons = folder / "odoo" / "addons"
    missing = [
        name
        for name in ("component", "component_event", "connector")
        if not (addons / name / "__manifest__.py").exists()
    ]
    if missing:
        raise RuntimeError(f"OCA wheels lack {missing} under {addons}")
    return addons


def _side_command(addons, dbname, repeat):
    return [
        sys.executable,
        str(BENCH_DIR / "oca_side.py"),
        f"--addons-path={addons},{FIXTURE}",
        f"--db={dbname}",
        f"--repeat={repeat}",
        "--lockstep",
    ]


def _lockstep(commands, log, first=0):
    """Run every side (``{name: command}``) at once, one repetition at a
    time in turn; return ``{name: the JSON it printed last}``.

    Each side (``oca_side.py --lockstep``) says ``turn`` when it is ready
    for its next repetition and waits for ``go``. A repetition of a figure
    is run by one side, then by the other (the order flips each turn,
    ``first`` says which side opens): the two frameworks are measured
    seconds apart, so a slower phase of the machine weighs on both, and
    only one of them works at any moment. Sides that do not ask for the
    same number of turns, or that fail, raise ``RuntimeError``.
    """
    procs = {}
    try:
        for name, command in commands.items():
            log("running %s", " ".join(command))
            procs[name] = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        lines = {name: proc.stdout.readline() for name, proc in procs.items()}
        names = list(procs)
        turn = first
        while any(line == "turn\n" for line in lines.values()):
            for name, line in lines.items():
                if not line:  # its stdout closed: the process ended
                    status = procs[name].wait()
                    raise RuntimeError(
                        f"the {name} side ended before its turn (exit {status}; "
                        "its messages are above, on stderr)"
                    )
            if not all(line == "turn\n" for line in lines.values()):
                raise RuntimeError(f"the sides fell out of step: {lines}")
            for name in names[:: -1 if turn % 2 else 1]:
                procs[name].stdin.write("go\n")
                procs[name].stdin.flush()
                lines[name] = procs[name].stdout.readline()
            turn += 1
        results = {}
        for name, proc in procs.items():
            proc.stdin.close()
            output = lines[name] + proc.stdout.read()
            if proc.wait() != 0:
                raise RuntimeError(f"the {name} side failed (exit {proc.returncode})")
            results[name] = json.loads(output.strip().splitlines()[-1])
        return results
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def compare(log, rounds=3, repeat=3, fresh=False):
    """Run both sides and return ``{figure: {...}}`` (see module docstring)."""
    with tempfile.TemporaryDirectory(prefix="oca_connector_") as tmp:
        oca_addons = download_oca(tmp, log)
        sides = {"ours": (REPO, "bench_oca_ours"), "oca": (oca_addons, "bench_oca_oca")}
        if fresh:
            for __, dbname in sides.values():
                subprocess.run(["dropdb", "--if-exists", "--force", dbname], check=True)
        runs = {"ours": [], "oca": []}
        for round_no in range(rounds):
            commands = {
                name: _side_command(addons, dbname, repeat)
                for name, (addons, dbname) in sides.items()
            }
            for name, result in _lockstep(commands, log, round_no).items():
                runs[name].append(result)
    assert "/connector/" in runs["ours"][0]["framework"]
    assert runs["oca"][0]["framework"].startswith(str(Path(tmp)))
    results = {}
    for figure, (label, goal) in FIGURES.items():
        entry = {"label": label}
        for clock in ("cpu", "wall"):
            medians = {
                name: statistics.median(
                    rate for run in side_runs for rate in run["figures"][figure][clock]
                )
                for name, side_runs in runs.items()
            }
            entry[clock] = {
                "ours_per_s": round(medians["ours"], 1),
                "oca_per_s": round(medians["oca"], 1),
                "ratio": round(medians["ours"] / medians["oca"], 3),
            }
        entry["goal"] = round(goal, 3) if goal else None
        if goal:
            entry["meets_goal"] = entry["cpu"]["ratio"] >= goal
        results[figure] = entry
    for clock in ("cpu", "wall"):
        for kind in ("create", "update"):
            orm = "orm_create" if kind == "create" else "orm_write"
            results[f"import_{kind}"][clock]["ours_vs_orm"] = round(
                results[f"import_{kind}"][clock]["ours_per_s"]
                / results[orm][clock]["ours_per_s"],
                3,
            )
    return results


def table(results):
    """The results as a Markdown table (CPU ratios first, wall in brackets)."""
    lines = [
        "| figure | OCA (CPU) | ours (CPU) | ratio CPU | ratio wall | goal |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in results.values():
        cpu, wall = entry["cpu"], entry["wall"]
        goal = "" if entry["goal"] is None else f"≥ {entry['goal']:.2f}"
        lines.append(
            f"| {entry['label']} | {cpu['oca_per_s']:,.0f}/s"
            f" | {cpu['ours_per_s']:,.0f}/s"
            f" | {cpu['ratio']:.2f} | {wall['ratio']:.2f} | {goal} |"
        )
    return "\n".join(lines)
