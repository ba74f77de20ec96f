"""goodwill works wherever it is installed: its own files travel inside the package, and
the app's folders (data/, static/) are found through one setting (goodwill/paths.py)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from goodwill.paths import ROOT_VARIABLE, SHIPPED_TOUR, app_root, shipped_tour, static_dir

ROOT = Path(__file__).resolve().parents[1]
# Run in the installed copy: its own files (catalogs, polygons) and, through the setting,
# the app's (the vendored map assets, found from their manifest).
INSTALLED_CHECK = """
import sys
from pathlib import Path

import folium

import goodwill
from goodwill.geo import country_at
from goodwill.i18n import translator
from goodwill.offline import leaflet_only, localize_assets

assert Path(goodwill.__file__).is_relative_to(sys.argv[1]), goodwill.__file__
assert translator("es")("app.title") == "Mapa de la Gira de Buena Voluntad"
assert country_at(31.3086, -110.9422) == "MX"  # Nogales, Sonora
fmap = leaflet_only(folium.Map(tiles=None))
localize_assets(fmap)
assert all(url.startswith("/app/static/vendor/") for _, url in fmap.default_js)
print("installed copy works")
"""


def test_the_settings_default_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(ROOT_VARIABLE)
    monkeypatch.chdir(tmp_path)
    assert app_root() == tmp_path
    assert static_dir() == tmp_path / "static"
    assert shipped_tour() == tmp_path / SHIPPED_TOUR
    assert shipped_tour({ROOT_VARIABLE: "/srv/goodwill"}) == Path("/srv/goodwill") / SHIPPED_TOUR


def test_the_app_tells_the_package_where_its_folders_are(tmp_path, monkeypatch):
    # Started from another folder, with no setting: the frame passes its own folder.
    monkeypatch.delenv(ROOT_VARIABLE)
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert not at.error
    assert os.environ[ROOT_VARIABLE] == str(ROOT)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """goodwill installed without -e into a folder of its own, built from a copy of what
    a wheel is made of (so that no build/ folder lands in the checkout)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    shutil.copytree(
        ROOT / "goodwill", source / "goodwill", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    target = work / "site"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"),
            *("--no-build-isolation", "--target", str(target), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def run_installed(installed: Path, cwd: Path, *arguments: str, root: Path | None = None):
    env = {key: value for key, value in os.environ.items() if key != ROOT_VARIABLE}
    env["PYTHONPATH"] = str(installed)
    if root:
        env[ROOT_VARIABLE] = str(root)
    return subprocess.run(
        [sys.executable, *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_installed_package_validates_a_package_given_by_path(installed, tmp_path):
    result = run_installed(
        installed, tmp_path, "-m", "goodwill", "validate", str(ROOT / SHIPPED_TOUR)
    )
    assert (result.returncode, result.stdout) == (0, f"OK: {ROOT / SHIPPED_TOUR}\n"), result.stderr


def test_the_installed_package_finds_the_shipped_tour_through_the_setting(installed, tmp_path):
    result = run_installed(installed, tmp_path, "-m", "goodwill", "validate", root=ROOT)
    assert (result.returncode, result.stdout) == (0, f"OK: {ROOT / SHIPPED_TOUR}\n"), result.stderr


def test_the_installed_package_without_the_setting_says_where_it_looked(installed, tmp_path):
    result = run_installed(installed, tmp_path, "-m", "goodwill", "validate")
    assert result.returncode == 1
    assert f"{tmp_path / SHIPPED_TOUR / 'datapackage.json'}:-:-: no data package here" in (
        result.stdout
    )


def test_the_installed_package_carries_its_own_files_and_finds_the_apps(installed, tmp_path):
    result = run_installed(installed, tmp_path, "-c", INSTALLED_CHECK, str(installed), root=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "installed copy works\n"


def test_the_installed_copy_holds_every_file_of_the_package(installed):
    # A data file a package-data pattern misses would only be missed once installed.
    def files(folder: Path) -> set[str]:
        return {
            path.relative_to(folder).as_posix()
            for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }

    assert files(ROOT / "goodwill") == files(installed / "goodwill")
