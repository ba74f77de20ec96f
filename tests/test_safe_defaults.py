"""Safe defaults: no usage statistics, XSRF protection on, no raw HTML built from data,
every dependency pinned, and the README says what the app sends over the network."""

import ast
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


# Markdown with HTML allowed is shown in one place, which refuses any HTML but the language
# spans goodwill writes (goodwill.text.checked_markdown).
RICH_TEXT = ROOT / "ui" / "rich_text.py"
# HTML built by a function rather than a constant: from a static file and one of the app's
# languages, never from data; or, for the publishing controls, data text only escaped
# (copy_html: the link, snippet or citation a button copies) or rendered by the notes'
# Markdown renderer (notes_html), each rendered with every hostile payload by its tests.
HTML_BUILDERS = {"_document_language_html": ROOT / "ui" / "language.py"}
HTML_BUILDERS |= dict.fromkeys(
    ("copy_html", "print_button_html", "notes_html"), ROOT / "ui" / "publish.py"
)


def test_no_html_is_passed_through_unescaped():
    offenders = []
    for path in APP_SOURCES:
        text = path.read_text(encoding="utf-8")
        if "unsafe_allow_html" in text and path != RICH_TEXT:
            offenders.append(f"{path.name}: unsafe_allow_html")
        # st.html (in any container) only with a module constant (fixed CSS, or a fixed
        # script of the app's own) or one of the builders above, in its own module; never
        # with text built from data. Only a script constant or a builder may run JavaScript.
        for call in ast.walk(ast.parse(text)):
            if not (isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "html"):
                continue
            body = call.args[0] if call.args else None
            constant = isinstance(body, ast.Name) and re.fullmatch(r"_?[A-Z][A-Z0-9_]*", body.id)
            builder = isinstance(body, ast.Call) and isinstance(body.func, ast.Name)
            built_here = builder and HTML_BUILDERS.get(body.func.id) == path
            if not (constant or built_here):
                offenders.append(f"{path.name}:{call.lineno}: .html({ast.unparse(body)})")
            runs_script = any(
                keyword.arg == "unsafe_allow_javascript" and ast.literal_eval(keyword.value)
                for keyword in call.keywords
            )
            if runs_script and not (built_here or (constant and body.id.endswith("_SCRIPT"))):
                offenders.append(f"{path.name}:{call.lineno}: .html(…) runs a non-script")
    assert offenders == []
    shown = RICH_TEXT.read_text(encoding="utf-8")
    assert ".markdown(checked_markdown(markdown), unsafe_allow_html=True)" in shown


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
