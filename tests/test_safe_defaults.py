"""Safe defaults: no usage statistics, XSRF protection on, no raw HTML built from data,
every dependency pinned, and the README says what the app sends over the network."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
APP_SOURCES += sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "goodwill").glob("*.py"))


def test_streamlit_config_sends_no_statistics_and_checks_xsrf():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"


def test_no_html_is_passed_through_unescaped():
    offenders = []
    for path in APP_SOURCES:
        text = path.read_text(encoding="utf-8")
        if "unsafe_allow_html" in text:
            offenders.append(f"{path.name}: unsafe_allow_html")
        # st.html only with a module constant (fixed CSS, or a fixed script of the app's
        # own), never with text built from data.
        for arguments in re.findall(r"st\.html\(\s*([^)]*)\)", text):
            body, *options = (part.strip() for part in arguments.split(","))
            if not re.fullmatch(r"_?[A-Z][A-Z0-9_]*", body):
                offenders.append(f"{path.name}: st.html({arguments.strip()})")
            if "unsafe_allow_javascript=True" in options and not body.endswith("_SCRIPT"):
                offenders.append(f"{path.name}: st.html({arguments.strip()}) runs a non-script")
    assert offenders == []


def test_every_dependency_is_pinned_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for group in project.get("optional-dependencies", {}).values():
        requirements += group
    loose = [r for r in requirements if not re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][\w.]*", r)]
    assert loose == []


def test_readme_says_what_goes_over_the_network_and_how_to_stop_tiles():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Network" in readme
    assert "GOODWILL_TILES=off" in readme
