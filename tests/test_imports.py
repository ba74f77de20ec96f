"""Import contracts, read from the source with ``ast`` (nothing is imported or run):

* the layers run one way: ``goodwill`` (the domain) imports neither Streamlit nor the app's
  ``ui``, ``pages`` or ``app.py``; ``ui`` imports no page and not ``app.py``;
* the app touches no Streamlit internal: nothing from ``streamlit.runtime`` or
  ``streamlit.web``, no ``_``-private module or name of Streamlit or streamlit-folium (the
  one workaround the app needs, in ``ui/navigation.py``, uses public API only);
* tests import their helpers from ``tests/helpers/``, never from a test module or a conftest.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP_CODE = [ROOT / "app.py", *sorted((ROOT / "goodwill").rglob("*.py"))]
APP_CODE += sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "pages").rglob("*.py"))
TEST_CODE = sorted((ROOT / "tests").rglob("*.py"))
STREAMLIT = ("streamlit", "streamlit_folium")
STREAMLIT_INTERNALS = ("streamlit.runtime", "streamlit.web")
# What each layer must not import (a module and everything below it).
FORBIDDEN = {
    "goodwill": (*STREAMLIT, "ui", "pages", "app"),
    "ui": ("pages", "app"),
}


def module_name(file: Path) -> str:
    return ".".join(file.relative_to(ROOT).with_suffix("").parts)


def imported(file: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in ``file``."""
    return imports_in(file.read_text(encoding="utf-8"), module_name(file))


def imports_in(source: str, module: str) -> list[tuple[int, str]]:
    """(line, module) for every import in ``source``, the code of ``module``: ``from m
    import n`` gives ``m.n`` (``n`` may be a module or a name in ``m``), and a relative
    import is made absolute."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, *filter(None, [base])])
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def is_within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == package or module.startswith(f"{package}.") for package in packages)


def imports_matching(files: list[Path], wanted: Callable[[str], bool]) -> list[str]:
    """Every import of a ``wanted`` module in ``files``, as ``file:line: module``."""
    return [
        f"{file.relative_to(ROOT)}:{line}: {module}"
        for file in files
        for line, module in imported(file)
        if wanted(module)
    ]


def is_internal(module: str) -> bool:
    return is_within(module, STREAMLIT) and (
        is_within(module, STREAMLIT_INTERNALS)
        or any(part.startswith("_") for part in module.split("."))
    )


def is_test_module_or_conftest(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(p.startswith("test_") or p == "conftest" for p in parts)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_never_imports_the_layers_above_it(layer):
    files = sorted((ROOT / layer).rglob("*.py"))
    assert imports_matching(files, lambda module: is_within(module, FORBIDDEN[layer])) == []


def test_the_app_touches_no_streamlit_internal():
    assert imports_matching(APP_CODE, is_internal) == []


def test_tests_import_helpers_never_a_test_module_nor_a_conftest():
    assert imports_matching(TEST_CODE, is_test_module_or_conftest) == []


def test_the_contracts_see_every_kind_of_import():
    # The checks above pass on code that breaks them only if they cannot see its imports.
    source = "import streamlit as st\nfrom ..pages import map\nfrom .conftest import tour\n"
    assert [module for _, module in imports_in(source, "goodwill.sample")] == [
        "streamlit",
        "pages.map",
        "goodwill.conftest.tour",
    ]
