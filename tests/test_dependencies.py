"""Every package the code imports is declared in pyproject.toml, pinned to the version the
tests run against: the app's in ``dependencies``, the tests' and benchmark's in ``test``."""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [ROOT / "app.py", ROOT / "goodwill", ROOT / "ui", ROOT / "pages"]
TOOLS = [ROOT / "bench", ROOT / "scripts", ROOT / "tests"]
# The project's own modules, imported by name: its folders, and the scripts beside each other.
LOCAL = {"app", "goodwill", "ui", "pages", "bench", "tests"}
LOCAL |= {script.stem for script in (ROOT / "scripts").glob("*.py")}


PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[A-Za-z0-9.+!-]+)$")


def normalised(name: str) -> str:
    """A distribution's name as PyPI compares them (PEP 503): Jinja2 is jinja2."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(*groups: list[str]) -> set[str]:
    return {normalised(PIN.match(requirement)["name"]) for group in groups for requirement in group}


def imported_distributions(places: list[Path]) -> dict[str, str]:
    """Distribution name -> a file that imports it, for every non-standard import."""
    files = [place for place in places if place.is_file()]
    files += [file for place in places if place.is_dir() for file in place.rglob("*.py")]
    providers = importlib.metadata.packages_distributions()
    found = {}
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for module in {name.split(".")[0] for name in names}:
                if module in sys.stdlib_module_names or module in LOCAL:
                    continue
                for distribution in providers.get(module, [module]):
                    found.setdefault(normalised(distribution), str(file.relative_to(ROOT)))
    return found


RUNTIME_IMPORTS = imported_distributions(RUNTIME)
TOOL_IMPORTS = imported_distributions(TOOLS)


@pytest.mark.parametrize("distribution", sorted(RUNTIME_IMPORTS))
def test_what_the_app_imports_is_a_dependency(distribution):
    assert distribution in requirements(PROJECT["dependencies"]), RUNTIME_IMPORTS[distribution]


@pytest.mark.parametrize("distribution", sorted(TOOL_IMPORTS))
def test_what_the_tests_and_tools_import_is_declared(distribution):
    declared = requirements(PROJECT["dependencies"], PROJECT["optional-dependencies"]["test"])
    assert distribution in declared, TOOL_IMPORTS[distribution]


@pytest.mark.parametrize(
    "requirement",
    [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]],
)
def test_every_requirement_is_pinned_to_the_installed_version(requirement):
    pinned = PIN.match(requirement)
    assert pinned, f"{requirement}: pin one exact version (name==version)"
    assert importlib.metadata.version(pinned["name"]) == pinned["version"]
