"""A data package is a closed world, seen from outside the process: ``python -m goodwill
validate`` on the worst cases of the corpus exits 1 with one ``file:row:field: message``
line per problem and no traceback, within seconds, having opened no file beside the
package and no socket (an audit hook in the child process watches both; the trap server
watches for a request from anyone).

Every case of the corpus is also validated in-process under the same guard
(tests/test_broken_data.py); this module checks the command line an editor runs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goodwill.paths import shipped_tour
from tests.helpers.broken_data.corpus import OUTSIDE_TEXT, TRUST_CASES
from tests.helpers.guards import TRAP, Seen
from tests.helpers.server import REPO_ROOT as ROOT

#: The corpus's worst: the biggest and deepest descriptions, and every way out.
WORST = (
    "a 10 MB description is refused before it is read",
    "a description nested 100,000 deep is refused before it is parsed",
    "a number of 5,000 digits in the description is refused, not raised",
    "a table's path that climbs out to /etc/passwd is refused unread",
    "a table that is a link to a file outside the package is refused unread",
    "a table at an http address is refused, not fetched",
    "a table at a host that does not exist is refused, not looked up",
    "a resource profile at an http address is refused, not fetched",
    "a CSV dialect at an http address is refused, not fetched",
)
#: Seconds for one validation by the command, once Python has started: generous for a
#: loaded machine (each measured well under a tenth of a second on the 2-core test
#: machine, the 10 MB description included).
COMMAND_SECONDS = 30
_PROBLEM_LINE = re.compile(r"^\S+:(-|\d+):\S+: .+$")


def run_validate(*packages: Path) -> list[dict]:
    """``python -m goodwill validate PACKAGE`` for each package, each under the guard, in
    one fresh process; what each run did (see :func:`tests.helpers.guards.run_module_guarded`)."""
    runs = ", ".join(repr(["validate", str(package)]) for package in packages)
    finished = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import tests.helpers.guards as g; g.run_module_guarded('goodwill', {runs})",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return [json.loads(line) for line in finished.stdout.splitlines()]


@pytest.fixture(scope="module")
def worst_runs(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """The worst packages, each in a folder of its own, validated by the command."""
    packages = {}
    for number, name in enumerate(WORST):
        package = tmp_path_factory.mktemp(f"worst{number}") / "tour"
        shutil.copytree(shipped_tour(), package)
        next(case for case in TRUST_CASES if case.name == name).mutate(package)
        packages[name] = package
    trapped = TRAP.requests
    started = time.perf_counter()
    # The shipped tour first: its run imports what every run needs, so that each worst
    # case's time is its own.
    shipped, *runs = run_validate(shipped_tour(), *packages.values())
    print(f"\n{len(runs) + 1} runs in one process: {time.perf_counter() - started:.1f} s")
    assert shipped["code"] == 0, shipped
    assert TRAP.requests == trapped, "the trap server was reached"
    return {name: (packages[name], run) for name, run in zip(WORST, runs, strict=True)}


@pytest.mark.parametrize("name", WORST)
def test_the_validator_refuses_the_worst_packages_quickly_touching_nothing_outside(
    name, worst_runs
):
    case = next(case for case in TRUST_CASES if case.name == name)
    package, run = worst_runs[name]
    print(f"{run['seconds']:.2f} s: {name}")
    assert run["code"] == 1, run
    assert "Traceback" not in run["stdout"] + run["stderr"]
    lines = run["stdout"].splitlines()
    assert lines, run["stderr"]
    assert all(_PROBLEM_LINE.match(line) for line in lines), lines
    assert any(case.says in line for line in lines), lines
    assert OUTSIDE_TEXT not in run["stdout"]
    seen = Seen(run["opened"], run["network"])
    beside = [
        path for path in seen.opened_under(package.parent) if path not in seen.opened_under(package)
    ]
    assert beside == [], beside
    assert "/etc/passwd" not in seen.opened
    assert seen.network == [], seen.network
    assert run["seconds"] < COMMAND_SECONDS, f"{run['seconds']:.1f} s"


def test_the_guard_sees_a_read_outside_and_a_lookup(tmp_path):
    # The guard itself: a child that reads a file and looks a host up is caught at both.
    (tmp_path / "reach_out.py").write_text(
        "import socket\n"
        "open('/etc/passwd').read()\n"
        "try:\n    socket.getaddrinfo('goodwill-trap.invalid', 80)\n"
        "except OSError:\n    pass\n"
    )
    finished = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import tests.helpers.guards as g; "
            "g.run_module_guarded('reach_out', [])",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    (report,) = [json.loads(line) for line in finished.stdout.splitlines()]
    assert "/etc/passwd" in report["opened"]
    assert any("getaddrinfo" in event for event in report["network"])
