"""``run.py --against-oca`` runs the two frameworks in lockstep: one
repetition on one side, then on the other, never both at once."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# a side as against_oca expects one: "turn", wait for "go", a repetition
# (here: one line appended to a log shared by both sides), then its JSON
FAKE_SIDE = """
import json, sys
name, turns, log, status = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
for index in range(turns):
    if status < 0 and index == 1:
        sys.exit(-status)  # dies before its second turn
    print("turn", flush=True)
    if sys.stdin.readline() != "go\\n":
        sys.exit(3)
    with open(log, "a") as handle:
        handle.write(f"{name}{index} ")
print("a line that is not the result")
print(json.dumps({"side": name, "turns": turns}))
sys.exit(status)
"""


@pytest.fixture(scope="module")
def against_oca():
    path = ROOT / "tests" / "benchmarks" / "against_oca.py"
    spec = importlib.util.spec_from_file_location("against_oca_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sides(tmp_path):
    script = tmp_path / "side.py"
    script.write_text(FAKE_SIDE)
    log = tmp_path / "turns.log"

    def commands(**turns):
        return {
            name: [sys.executable, str(script), name, str(count), str(log), "0"]
            for name, count in turns.items()
        }

    commands.log = log
    return commands


def test_sides_take_turns_in_flipping_order(against_oca, sides):
    results = against_oca._lockstep(sides(a=3, b=3), lambda *__: None)
    # each side's result is the last line it printed
    assert results == {"a": {"side": "a", "turns": 3}, "b": {"side": "b", "turns": 3}}
    # a opens, then b twice (b closes the first turn and opens the second)...
    assert sides.log.read_text().split() == ["a0", "b0", "b1", "a1", "a2", "b2"]


def test_first_says_which_side_opens(against_oca, sides):
    against_oca._lockstep(sides(a=2, b=2), lambda *__: None, first=1)
    assert sides.log.read_text().split() == ["b0", "a0", "a1", "b1"]


def test_sides_out_of_step_are_an_error(against_oca, sides):
    with pytest.raises(RuntimeError, match="out of step"):
        against_oca._lockstep(sides(a=3, b=2), lambda *__: None)
    # the turns taken until b ended while a asked for a third one
    assert sides.log.read_text().split() == ["a0", "b0", "b1", "a1"]


def test_failing_side_is_an_error(against_oca, sides):
    commands = sides(a=1, b=1)
    commands["b"][-1] = "7"
    with pytest.raises(RuntimeError, match="the b side failed"):
        against_oca._lockstep(commands, lambda *__: None)


def test_side_dying_mid_run_is_named(against_oca, sides):
    commands = sides(a=3, b=3)
    # b dies before its second turn: no result, no "turn", exit status 1
    commands["b"][-1] = "-1"
    with pytest.raises(RuntimeError, match="the b side ended .*exit 1"):
        against_oca._lockstep(commands, lambda *__: None)
