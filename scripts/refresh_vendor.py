"""Refresh the vendored front-end assets that folium would otherwise load from CDNs.

Run by hand (not in CI), from the repository root, with the project's venv:

    .venv/bin/python scripts/refresh_vendor.py

It needs `npm` on PATH and the npm registry; nothing else from the network. It rebuilds
`static/vendor/` from scratch and rewrites `static/vendor/manifest.json`, keeping the
manifest's `geometry` section (owned by scripts/refresh_geometry.py) and its `app` section
(the app's own files in static/goodwill/, listed by hand) as they were.

How the CDN URLs are known, not guessed: `folium_asset_urls()` walks every class in folium
and folium.plugins and collects their `default_js` / `default_css`. The table below names,
for each vendored file, the folium URLs it replaces; the script refuses to run if a table
URL is not one folium really uses (a stale or mistyped URL), if an asset the dashboard
loads has no vendored file (folium was upgraded: update the table), or if the table
vendors an asset the dashboard does not load.

Uses only the standard library plus folium itself (to read its URLs).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
MANIFEST_PATH = VENDOR_DIR / "manifest.json"

# The folium assets the dashboard loads, by class and asset name: of folium.Map only
# Leaflet's own files (goodwill.offline.leaflet_only), and MarkerCluster's for large tours.
# Every CDN URL they name is vendored, and nothing else.
REQUIRED_FOLIUM_ASSETS = {
    "folium.Map": ("leaflet", "leaflet_css"),
    "folium.plugins.MarkerCluster": (
        "markerclusterjs",
        "markerclustercss",
        "markerclusterdefaultcss",
    ),
}

JSDELIVR_NPM = "https://cdn.jsdelivr.net/npm"
CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"


@dataclass(frozen=True)
class VendoredFile:
    """One file copied out of a package into static/vendor/<package>@<version>/."""

    path: str  # path inside the package's tarball and its vendored folder
    replaces: tuple[str, ...] = ()  # the folium CDN URLs this file stands in for
    why: str = ""  # why a file nobody links directly is here (images, ...)


@dataclass(frozen=True)
class VendoredPackage:
    """An npm package at a pinned version and the files of it that the map needs."""

    name: str
    version: str
    files: tuple[VendoredFile, ...]

    @property
    def folder_name(self) -> str:
        return f"{self.name}@{self.version}"


def _folium_version() -> str:
    return importlib.metadata.version("folium")


PACKAGES: tuple[VendoredPackage, ...] = (
    VendoredPackage(
        "leaflet",
        "1.9.3",
        files=(
            VendoredFile(
                "dist/leaflet.js", replaces=(f"{JSDELIVR_NPM}/leaflet@1.9.3/dist/leaflet.js",)
            ),
            VendoredFile(
                "dist/leaflet.css", replaces=(f"{JSDELIVR_NPM}/leaflet@1.9.3/dist/leaflet.css",)
            ),
            VendoredFile("dist/images/layers.png", why="url() in leaflet.css"),
            VendoredFile("dist/images/layers-2x.png", why="url() in leaflet.css"),
            VendoredFile("dist/images/marker-icon.png", why="url() in leaflet.css"),
            VendoredFile(
                "dist/images/marker-icon-2x.png",
                why="leaflet.js derives it from marker-icon.png's folder for HiDPI screens",
            ),
            VendoredFile(
                "dist/images/marker-shadow.png",
                why="leaflet.js derives it from marker-icon.png's folder",
            ),
        ),
    ),
    VendoredPackage(
        "leaflet.markercluster",
        "1.1.0",
        files=(
            VendoredFile(
                "dist/leaflet.markercluster.js",
                replaces=(f"{CDNJS}/leaflet.markercluster/1.1.0/leaflet.markercluster.js",),
            ),
            VendoredFile(
                "dist/MarkerCluster.css",
                replaces=(f"{CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.css",),
            ),
            VendoredFile(
                "dist/MarkerCluster.Default.css",
                replaces=(f"{CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.Default.css",),
            ),
        ),
    ),
)


@dataclass
class FoliumAssetUrls:
    """Every CDN URL in folium, and which classes link each."""

    classes_by_url: dict[str, set[str]] = field(default_factory=dict)


def folium_asset_urls() -> FoliumAssetUrls:
    """Collect default_js / default_css URLs from every class in folium and folium.plugins."""
    import folium
    import folium.plugins
    from branca.element import Element

    found = FoliumAssetUrls()
    for module in (folium, folium.plugins):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, Element):
                continue
            for attribute in ("default_js", "default_css"):
                for _name, url in getattr(cls, attribute, None) or []:
                    label = f"{cls.__module__}.{cls.__qualname__}"
                    found.classes_by_url.setdefault(url, set()).add(label)
    return found


def required_urls() -> set[str]:
    """The CDN URLs of the folium assets the dashboard loads (REQUIRED_FOLIUM_ASSETS)."""
    import folium
    import folium.plugins

    urls: set[str] = set()
    for dotted, names in REQUIRED_FOLIUM_ASSETS.items():
        module_name, _, class_name = dotted.rpartition(".")
        module = folium.plugins if module_name == "folium.plugins" else folium
        cls = getattr(module, class_name)
        links = dict(cls.default_js) | dict(cls.default_css)
        missing = set(names) - links.keys()
        if missing:
            raise SystemExit(f"{dotted} no longer names the assets {sorted(missing)}")
        urls.update(links[name] for name in names)
    return urls


def check_table_against_folium() -> dict[str, set[str]]:
    """Fail unless the table's URLs are real folium URLs and are exactly the ones the
    dashboard loads."""
    known = folium_asset_urls().classes_by_url
    declared = {url for package in PACKAGES for f in package.files for url in f.replaces}
    required = required_urls()
    invented = declared - known.keys()
    uncovered = required - declared
    unused = declared - required
    if invented or uncovered or unused:
        raise SystemExit(
            "vendor table out of step with folium "
            f"{_folium_version()}:\n  not used by folium: {sorted(invented)}\n"
            f"  used but not vendored: {sorted(uncovered)}\n"
            f"  vendored but not used: {sorted(unused)}"
        )
    return known


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(spec: str, into: Path) -> Path:
    """Download one npm tarball with `npm pack` and unpack it; return its `package/` folder."""
    result = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(into)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = into / json.loads(result.stdout)[0]["filename"]
    unpack_dir = into / tarball.name.removesuffix(".tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(unpack_dir, filter="data")
    return unpack_dir / "package"


def licence_of(package_dir: Path) -> str:
    """The licence named in package.json (old packages use a `licenses` list)."""
    meta = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    if isinstance(meta.get("license"), str):
        return meta["license"]
    licences = meta.get("licenses") or []
    names = [entry["type"] if isinstance(entry, dict) else str(entry) for entry in licences]
    return " OR ".join(names) if names else "UNKNOWN"


def read_manifest() -> dict:
    """The current manifest, or an empty one."""
    if MANIFEST_PATH.exists():
        return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return {}


def write_manifest(manifest: dict) -> None:
    """Write the manifest with stable formatting so diffs stay readable."""
    MANIFEST_PATH.parent.mkdir(parents=True, exist_ok=True)
    MANIFEST_PATH.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n",
        encoding="utf-8",
    )


def vendor_package(package: VendoredPackage, workdir: Path, staging: Path) -> dict:
    """Copy one package's files into the staging folder; return its manifest entry."""
    package_dir = npm_pack(f"{package.name}@{package.version}", workdir)
    entry: dict = {
        "name": package.name,
        "version": package.version,
        "licence": licence_of(package_dir),
        "source": f"npm:{package.name}@{package.version}",
        "folder": package.folder_name,
    }
    files = []
    for vendored in package.files:
        target = staging / package.folder_name / vendored.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package_dir / vendored.path, target)
        file_entry: dict = {
            "path": f"{package.folder_name}/{vendored.path}",
            "sha256": sha256_of(target),
            "size": target.stat().st_size,
            "replaces": list(vendored.replaces),
        }
        if vendored.why:
            file_entry["why"] = vendored.why
        files.append(file_entry)
    entry["files"] = files
    return entry


def main() -> int:
    """Rebuild static/vendor/ and its manifest."""
    check_table_against_folium()
    previous = read_manifest()
    with tempfile.TemporaryDirectory(prefix="goodwill-vendor-") as tmp:
        workdir = Path(tmp)
        staging = workdir / "vendor"
        staging.mkdir()
        entries = [vendor_package(package, workdir, staging) for package in PACKAGES]
        manifest = {
            "about": (
                "Front-end files folium links from CDNs, vendored so the map works offline. "
                "Rebuilt by scripts/refresh_vendor.py; `packages[].files[].path` is relative "
                "to static/vendor/, `geometry[].files[].path` and `app[].path` to the "
                "repository root."
            ),
            "folium_version": _folium_version(),
            "packages": entries,
            "geometry": previous.get("geometry", []),
            "app": previous.get("app", []),
        }
        # Swap the whole folder so a failed run never leaves a half-refreshed vendor tree.
        if VENDOR_DIR.exists():
            shutil.rmtree(VENDOR_DIR)
        shutil.copytree(staging, VENDOR_DIR)
        write_manifest(manifest)
    total = sum(f["size"] for entry in entries for f in entry["files"])
    count = sum(len(entry["files"]) for entry in entries)
    print(f"vendored {count} files, {total / 1024:.0f} KiB, into {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
