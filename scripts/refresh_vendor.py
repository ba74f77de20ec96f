"""Refresh the vendored front-end assets that folium would otherwise load from CDNs.

Run by hand (not in CI), from the repository root, with the project's venv:

    .venv/bin/python scripts/refresh_vendor.py

It needs `npm` on PATH and the npm registry; nothing else from the network. It rebuilds
`static/vendor/` from scratch and rewrites `static/vendor/manifest.json`, keeping the
manifest's `geometry` section (owned by scripts/refresh_geometry.py) as it was.

How the CDN URLs are known, not guessed: `folium_asset_urls()` walks every class in folium
and folium.plugins and collects their `default_js` / `default_css`. The table below names,
for each vendored file, the folium URLs it replaces; the script refuses to run if a table
URL is not one folium really uses (a stale or mistyped URL), or if a class the dashboard
uses links a URL that no vendored file replaces (folium was upgraded: update the table).

Uses only the standard library plus folium itself (to read its URLs).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
MANIFEST_PATH = VENDOR_DIR / "manifest.json"

# The folium classes the dashboard draws with. Every CDN URL they link must be vendored.
REQUIRED_FOLIUM_CLASSES = (
    "folium.Map",
    "folium.Marker",
    "folium.Popup",
    "folium.Tooltip",
    "folium.PolyLine",
    "folium.GeoJson",
    "folium.FeatureGroup",
    "folium.LayerControl",
    "folium.DivIcon",
    "folium.Icon",
    "folium.plugins.MarkerCluster",
    "folium.plugins.AntPath",
    "folium.plugins.Fullscreen",
)

JSDELIVR_NPM = "https://cdn.jsdelivr.net/npm"
CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"


@dataclass(frozen=True)
class VendoredFile:
    """One file copied (or cut) out of a package into static/vendor/<package>@<version>/."""

    path: str  # path inside the vendored package folder (and, for plain copies, the tarball)
    replaces: tuple[str, ...] = ()  # the folium CDN URLs this file stands in for
    source_path: str | None = None  # path inside the tarball when it differs from `path`
    why: str = ""  # why a file nobody links directly is here (fonts, images, ...)
    build: Callable[[Path], bytes] | None = None  # for files cut from the package, not copied


@dataclass(frozen=True)
class VendoredPackage:
    """An npm package at a pinned version and the files of it that the map needs."""

    name: str
    version: str
    files: tuple[VendoredFile, ...]
    folder: str | None = None  # defaults to "<name>@<version>"
    licence: str | None = None  # read from package.json unless given
    note: str = ""
    from_npm: bool = True

    @property
    def folder_name(self) -> str:
        return self.folder or f"{self.name}@{self.version}"


def cut_bootstrap3_glyphicons(package_dir: Path) -> bytes:
    """Cut the Glyphicons part out of bootstrap 3.4.1's stylesheet.

    folium links bootstrap 3.0.0's standalone `bootstrap-glyphicons.css`, which is on no npm
    package. Bootstrap 3.4.1's full stylesheet holds the same @font-face and `.glyphicon*`
    rules; we keep only those. The @font-face keeps just the woff2 and woff sources (every
    browser Streamlit supports reads one of them), so the eot/svg/ttf fonts need not ship.
    """
    css = (package_dir / "dist" / "css" / "bootstrap.css").read_text(encoding="utf-8")
    rules = re.findall(r"(?ms)^(@font-face \{.*?^\}|\.glyphicon[^{]*\{.*?^\})", css)
    if not rules or "Glyphicons Halflings" not in rules[0]:
        raise RuntimeError("bootstrap 3.4.1 stylesheet changed shape: glyphicons not found")
    font_face = (
        "@font-face {\n"
        "  font-family: 'Glyphicons Halflings';\n"
        "  src: url('../fonts/glyphicons-halflings-regular.woff2') format('woff2'),"
        " url('../fonts/glyphicons-halflings-regular.woff') format('woff');\n"
        "}"
    )
    header = (
        "/*!\n"
        " * Glyphicons rules cut from Bootstrap v3.4.1 (https://getbootstrap.com/)\n"
        " * Copyright 2011-2019 Twitter, Inc.\n"
        " * Licensed under MIT (https://github.com/twbs/bootstrap/blob/master/LICENSE)\n"
        " * Cut by scripts/refresh_vendor.py to stand in for bootstrap-glyphicons.css.\n"
        " */\n"
    )
    return (header + "\n".join([font_face, *rules[1:]]) + "\n").encode("utf-8")


def folium_awesome_rotate_css(_package_dir: Path) -> bytes:
    """Write folium's `leaflet.awesome.rotate.min.css`, which the folium wheel does not ship.

    Its content in folium's repository (folium/templates/leaflet.awesome.rotate.css) is one
    rule per whole degree, `.fa-rotate-N { transform: rotate(Ndeg) }` for N = 1..360, used by
    `folium.Icon(angle=N)`. We generate the same rules instead of fetching the file.
    """
    rules = (
        f".fa-rotate-{degrees}{{-ms-transform:rotate({degrees}deg);"
        f"-webkit-transform:rotate({degrees}deg);transform:rotate({degrees}deg)}}"
        for degrees in range(1, 361)
    )
    return ("\n".join(rules) + "\n").encode("utf-8")


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
        "jquery",
        "3.7.1",
        files=(
            VendoredFile(
                "dist/jquery.min.js",
                replaces=(
                    "https://code.jquery.com/jquery-3.7.1.min.js",
                    f"{CDNJS}/jquery/3.7.1/jquery.min.js",
                ),
            ),
        ),
    ),
    VendoredPackage(
        "bootstrap",
        "5.2.2",
        files=(
            VendoredFile(
                "dist/js/bootstrap.bundle.min.js",
                replaces=(f"{JSDELIVR_NPM}/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js",),
            ),
            VendoredFile(
                "dist/css/bootstrap.min.css",
                replaces=(f"{JSDELIVR_NPM}/bootstrap@5.2.2/dist/css/bootstrap.min.css",),
            ),
        ),
    ),
    VendoredPackage(
        "@fortawesome/fontawesome-free",
        "6.2.0",
        files=(
            VendoredFile(
                "css/all.min.css",
                replaces=(f"{JSDELIVR_NPM}/@fortawesome/fontawesome-free@6.2.0/css/all.min.css",),
            ),
            *(
                VendoredFile(f"webfonts/{font}.{ext}", why="url() in all.min.css")
                for font in (
                    "fa-brands-400",
                    "fa-regular-400",
                    "fa-solid-900",
                    "fa-v4compatibility",
                )
                for ext in ("woff2", "ttf")
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
    VendoredPackage(
        "leaflet-ant-path",
        "1.1.2",
        files=(
            # The npm package has no .min.js: jsDelivr minifies on the fly. Same code, unminified.
            VendoredFile(
                "dist/leaflet-ant-path.js",
                replaces=(f"{JSDELIVR_NPM}/leaflet-ant-path@1.1.2/dist/leaflet-ant-path.min.js",),
            ),
        ),
    ),
    VendoredPackage(
        "leaflet.fullscreen",
        "3.0.0",
        files=(
            # As for ant-path: the package ships only the unminified script.
            VendoredFile(
                "Control.FullScreen.js",
                replaces=(f"{JSDELIVR_NPM}/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js",),
            ),
            VendoredFile(
                "Control.FullScreen.css",
                replaces=(f"{JSDELIVR_NPM}/leaflet.fullscreen@3.0.0/Control.FullScreen.css",),
            ),
            VendoredFile("icon-fullscreen.svg", why="url() in Control.FullScreen.css"),
        ),
    ),
    VendoredPackage(
        "drmonty-leaflet-awesome-markers",
        "2.0.2",
        note="npm mirror of Leaflet.awesome-markers 2.0.2, the version folium links on cdnjs",
        files=(
            VendoredFile(
                "js/leaflet.awesome-markers.js",
                replaces=(f"{CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js",),
            ),
            VendoredFile(
                "css/leaflet.awesome-markers.css",
                replaces=(f"{CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css",),
            ),
            *(
                VendoredFile(f"css/images/{image}", why="url() in leaflet.awesome-markers.css")
                for image in (
                    "markers-soft.png",
                    "markers-soft@2x.png",
                    "markers-shadow.png",
                    "markers-shadow@2x.png",
                )
            ),
        ),
    ),
    VendoredPackage(
        "bootstrap",
        "3.4.1",
        note="only the Glyphicons rules and fonts, cut to stand in for bootstrap-glyphicons.css",
        files=(
            VendoredFile(
                "dist/css/bootstrap-glyphicons.css",
                replaces=(
                    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
                ),
                build=cut_bootstrap3_glyphicons,
            ),
            VendoredFile(
                "dist/fonts/glyphicons-halflings-regular.woff2",
                why="url() in bootstrap-glyphicons.css",
            ),
            VendoredFile(
                "dist/fonts/glyphicons-halflings-regular.woff",
                why="url() in bootstrap-glyphicons.css",
            ),
        ),
    ),
    VendoredPackage(
        "folium",
        _folium_version(),
        folder="folium",
        licence="MIT",
        from_npm=False,
        note="generated: the folium wheel does not ship this stylesheet",
        files=(
            VendoredFile(
                "leaflet.awesome.rotate.min.css",
                replaces=(
                    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
                    "leaflet.awesome.rotate.min.css",
                ),
                build=folium_awesome_rotate_css,
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


def urls_of_required_classes() -> set[str]:
    """The CDN URLs linked by the folium classes the dashboard uses."""
    import folium
    import folium.plugins

    urls: set[str] = set()
    for dotted in REQUIRED_FOLIUM_CLASSES:
        module_name, _, class_name = dotted.rpartition(".")
        module = folium.plugins if module_name == "folium.plugins" else folium
        cls = getattr(module, class_name)
        for attribute in ("default_js", "default_css"):
            urls.update(url for _name, url in getattr(cls, attribute, None) or [])
    return urls


def check_table_against_folium() -> dict[str, set[str]]:
    """Fail unless the table's URLs are real folium URLs and cover every required class."""
    known = folium_asset_urls().classes_by_url
    declared = {url for package in PACKAGES for f in package.files for url in f.replaces}
    invented = declared - known.keys()
    uncovered = urls_of_required_classes() - declared
    if invented or uncovered:
        raise SystemExit(
            "vendor table out of step with folium "
            f"{_folium_version()}:\n  not used by folium: {sorted(invented)}\n"
            f"  used but not vendored: {sorted(uncovered)}"
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
    """Copy or build one package's files into the staging folder; return its manifest entry."""
    package_dir = (
        npm_pack(f"{package.name}@{package.version}", workdir) if package.from_npm else workdir
    )
    entry: dict = {
        "name": package.name,
        "version": package.version,
        "licence": package.licence or licence_of(package_dir),
        "source": f"npm:{package.name}@{package.version}" if package.from_npm else "generated",
        "folder": package.folder_name,
    }
    if package.note:
        entry["note"] = package.note
    files = []
    for vendored in package.files:
        target = staging / package.folder_name / vendored.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if vendored.build is not None:
            target.write_bytes(vendored.build(package_dir))
        else:
            shutil.copyfile(package_dir / (vendored.source_path or vendored.path), target)
        file_entry: dict = {
            "path": f"{package.folder_name}/{vendored.path}",
            "sha256": sha256_of(target),
            "size": target.stat().st_size,
            "replaces": list(vendored.replaces),
        }
        if vendored.build is not None:
            file_entry["built_by"] = vendored.build.__name__
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
                "to static/vendor/, `geometry[].files[].path` to the repository root."
            ),
            "folium_version": _folium_version(),
            "packages": entries,
            "geometry": previous.get("geometry", []),
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
