"""The CI entry point runs under `set -o pipefail`, so a pipe into a reader that stops early
(head, grep -q) fails the build whenever the writer is still writing: SIGPIPE, exit 141."""

import re
import subprocess
from pathlib import Path

CI_SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "run"
EARLY_EXIT_READER = re.compile(r"\|\s*(head\b|grep\s+-\w*[qm])")


def test_ci_script_is_valid_bash_with_pipefail():
    text = CI_SCRIPT.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    subprocess.run(["bash", "-n", str(CI_SCRIPT)], check=True)


def test_ci_script_never_pipes_into_a_reader_that_exits_early():
    commands = [
        line
        for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert [line for line in commands if EARLY_EXIT_READER.search(line)] == []


def test_the_early_exit_pattern_catches_what_broke_ci():
    assert EARLY_EXIT_READER.search("make --version | head -n 1")
    assert EARLY_EXIT_READER.search("dpkg -l | grep -q nginx")
    assert not EARLY_EXIT_READER.search("make --version | sed -n 1p")
