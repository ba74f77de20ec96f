"""No text from outside reaches Streamlit's Markdown unescaped: every call that renders its
text as Markdown (text elements, notices, toasts, headings, button and widget labels,
tooltips) in app.py, pages/ and ui/ is read (with :mod:`ast`), and its text must be made
only of

* the escaping function (:func:`goodwill.text.escape_markdown`, imported as ``md`` or by
  its name), whatever it is given;
* the project's own text: a string literal, or a catalog message (``t(key, ...)``,
  ``t.plural``, ``t.label``, ``t.country_name``) whose placeholders are filled only with
  values that are themselves allowed here, or numbers;
* f-strings, ``+``, ``a if c else b`` and ``"sep".join`` of the above;
* a name whose every assignment in its scope is allowed here; a function of app.py, pages/
  or ui/ whose every ``return`` is; a number (a literal, ``len``, ``int``, a function of
  ``goodwill`` annotated to return ``int``);
* Markdown that :mod:`goodwill` builds with every piece of data text escaped, listed in
  :data:`MARKDOWN_PRODUCERS` and :data:`MARKDOWN_FIELDS`: each is rendered with every
  hostile payload in every text field by tests/test_hostile_text.py.

Anything else (an attribute of a data row, a value from ``st.query_params`` or
``st.session_state``, a parameter without one of the listed types) fails, so a new call
site that shows text from a link or from the data cannot pass by accident.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.server import REPO_ROOT as ROOT

# ui/rich_text.py is left out: its one call shows what its callers pass, which are checked
# as calls of show_markdown (and tests/test_safe_defaults.py pins that call).
CHECKED = sorted(
    {ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")}
    - {ROOT / "ui" / "rich_text.py"}
)

#: Calls that render their first argument as Markdown: Streamlit's, and the app's own
#: show_markdown (ui/rich_text.py). (st.html is not Markdown: tests/test_safe_defaults.py
#: allows it only a constant of the app's or one named builder.)
BODY_FIRST = frozenset(
    {"markdown", "caption", "info", "warning", "error", "success", "toast", "title", "header"}
    | {"subheader", "write", "show_markdown"}
)
#: Streamlit calls whose first argument is a label, which Streamlit renders as Markdown.
LABEL_FIRST = frozenset(
    {"button", "link_button", "download_button", "form_submit_button", "page_link"}
    | {"expander", "popover", "checkbox", "toggle", "radio", "selectbox", "multiselect"}
    | {"select_slider", "slider", "text_input", "text_area", "number_input", "date_input"}
    | {"time_input", "color_picker", "file_uploader", "camera_input", "metric", "pills"}
    | {"segmented_control"}
)
#: Keyword arguments rendered as Markdown: the body or label by name, and the tooltip.
TEXT_KEYWORDS = frozenset({"body", "label", "help"})

ESCAPING = frozenset({"escape_markdown", "md"})
#: Functions of goodwill returning Markdown built with every piece of data text escaped,
#: one text or a list of texts.
MARKDOWN_PRODUCERS = frozenset(
    {"place_heading", "source_cards", "date_resolution_cards", "credit_markdown"}
    | {"citation_markdown", "license_markdown", "cite_link_markdown"}
)
#: Functions of goodwill returning objects (or lists of them) some of whose fields are such
#: Markdown; and those fields.
TYPED_PRODUCERS = {
    "story_step": "StoryStep",
    "itinerary": "ItineraryRow",
    "place_cards": "Card",
    "overview_card": "Card",
    "person_card": "Card",
    "quote_card": "Card",
}
MARKDOWN_FIELDS = frozenset(
    {("Card", "body"), ("Card", "evidence"), ("ItineraryRow", "text")}
    | {("ItineraryRow", "place_label"), ("StoryStep", "counter"), ("StoryStep", "announcement")}
)
TRANSLATOR_METHODS = frozenset({"plural", "t", "label", "country_name"})
NUMBERS = frozenset({"len", "int", "float", "round"})


@dataclass(frozen=True)
class Unsafe:
    file: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.call}({self.text})"


class Module:
    """One checked file: its functions, its imports and every binding of every name."""

    def __init__(self, path: Path, others: dict[str, ast.FunctionDef]):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.functions = others  # every function of every checked file, by name
        # name -> (module it is imported from, its name there)
        self.imports: dict[str, tuple[str, str]] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (node.module, alias.name)
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(self.tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    def scope_of(self, node: ast.AST) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.Lambda):
                return node
        return self.tree

    def bindings(self, name: str, scope: ast.AST) -> list[tuple[str, ast.AST | None]]:
        """Every ``(kind, node)`` that binds ``name`` in ``scope``, else in the module (a
        global): ``("value", expression)`` for an assignment (``+=`` too: what is added),
        a ``with … as`` or a walrus; ``("item", iterable)`` for a loop's or a
        comprehension's target; ``("parameter", annotation)`` for a parameter."""
        found: list[tuple[str, ast.AST | None]] = []
        for node in _own_nodes(scope):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    found += [("value", part) for part in _matching(target, node.value, name)]
            elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
                found += [("value", part) for part in _matching(node.target, node.value, name)]
            elif isinstance(node, ast.For | ast.comprehension) and _binds(node.target, name):
                found.append(("item", node.iter))
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                if _binds(node.optional_vars, name):
                    found.append(("value", node.context_expr))
            elif isinstance(node, ast.NamedExpr) and _binds(node.target, name):
                found.append(("value", node.value))
        if isinstance(scope, ast.FunctionDef | ast.Lambda) and name in _parameters(scope):
            found.append(("parameter", _parameters(scope)[name]))
        if not found and scope is not self.tree:
            return self.bindings(name, self.tree)
        return found


def _own_nodes(scope: ast.AST):
    """Every node of ``scope`` outside the functions defined in it (their names are theirs)."""
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            pending += ast.iter_child_nodes(node)


def _parameters(function: ast.FunctionDef | ast.Lambda) -> dict[str, ast.AST | None]:
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return {argument.arg: argument.annotation for argument in every}


def _binds(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def _matching(target: ast.AST, value: ast.AST, name: str) -> list[ast.AST]:
    """The part of ``value`` that ``target`` binds to ``name`` (``a, b = x, y``)."""
    if isinstance(target, ast.Name):
        return [value] if target.id == name else []
    if isinstance(target, ast.Tuple):
        if isinstance(value, ast.Tuple) and len(value.elts) == len(target.elts):
            return [
                v
                for t, e in zip(target.elts, value.elts, strict=True)
                for v in _matching(t, e, name)
            ]
        if _binds(target, name):
            return [ast.Constant(value=None, lineno=0, col_offset=0)]  # unknown: unsafe below
    return []


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class Checker:
    def __init__(self, module: Module):
        self.module = module
        self.verifying: set[str] = set()

    # ---- what a value is

    def type_of(self, node: ast.AST, scope: ast.AST) -> str | None:
        """The goodwill type an expression holds (or holds a list of), when known."""
        if isinstance(node, ast.Call) and _callee(node) in TYPED_PRODUCERS:
            return TYPED_PRODUCERS[_callee(node)]
        if isinstance(node, ast.Name):
            types = set()
            for kind, value in self.module.bindings(node.id, scope):
                if kind == "parameter":
                    types.add(ast.unparse(value) if value is not None else None)
                else:
                    types.add(self.type_of(value, scope))
            return types.pop() if len(types) == 1 else None
        return None

    def is_translator(self, node: ast.AST, scope: ast.AST) -> bool:
        """Whether ``node`` is a :class:`goodwill.i18n.Translator`: a catalog's text is the
        project's own. Known from the annotations of the functions that return one."""
        if isinstance(node, ast.Call):
            return self._returns(node, ("Translator",))
        if isinstance(node, ast.Attribute):  # page.t: the PageContext's translator
            return node.attr == "t"
        if isinstance(node, ast.Name):
            bindings = self.module.bindings(node.id, scope)
            return bool(bindings) and all(
                (kind == "parameter" and value is not None and ast.unparse(value) == "Translator")
                or (kind == "value" and self.is_translator(value, scope))
                for kind, value in bindings
            )
        return False

    def is_number(self, node: ast.AST, scope: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, int | float)
        if isinstance(node, ast.Call):
            if _callee(node) in NUMBERS:
                return True
            return self._returns(node, ("int", "float", "bool"))
        if isinstance(node, ast.Name):
            bindings = self.module.bindings(node.id, scope)
            return bool(bindings) and all(
                kind == "value" and self.is_number(value, scope) for kind, value in bindings
            )
        return False

    def _returns(self, node: ast.Call, annotations: tuple[str, ...]) -> bool:
        """Whether ``node`` calls a function of goodwill or ui (imported by name, or
        defined in a checked file) annotated to return one of ``annotations``."""
        if not isinstance(node.func, ast.Name):
            return False
        if node.func.id in self.module.functions:
            returned = self.module.functions[node.func.id].returns
            return returned is not None and ast.unparse(returned) in annotations
        origin, name = self.module.imports.get(node.func.id, ("", ""))
        if not origin.startswith(("goodwill", "ui")):
            return False
        returned = inspect.signature(getattr(importlib.import_module(origin), name))
        return str(returned.return_annotation) in annotations

    # ---- what may be shown

    def safe(self, node: ast.AST, scope: ast.AST) -> bool:
        """Whether ``node`` is text that may be rendered as Markdown (see the module)."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str | int | float)
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(value, scope) for value in node.values)
        if isinstance(node, ast.FormattedValue):
            return self.safe(node.value, scope)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.safe(node.left, scope) and self.safe(node.right, scope)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, scope) and self.safe(node.orelse, scope)
        if self.is_number(node, scope):
            return True
        if isinstance(node, ast.Call):
            return self.safe_call(node, scope)
        if isinstance(node, ast.Name):
            bindings = self.module.bindings(node.id, scope)
            return bool(bindings) and all(
                self.safe_binding(kind, value, scope) for kind, value in bindings
            )
        if isinstance(node, ast.Attribute):
            return (self.type_of(node.value, scope), node.attr) in MARKDOWN_FIELDS
        return False

    def safe_binding(self, kind: str, value: ast.AST | None, scope: ast.AST) -> bool:
        if kind == "value":
            return self.safe(value, scope)
        if kind == "item":  # a loop over a list of Markdown
            return self.safe_items(value, scope)
        return False  # a parameter: its callers' text is not seen here

    def safe_items(self, node: ast.AST, scope: ast.AST) -> bool:
        """Whether every item of the iterable ``node`` is safe."""
        if isinstance(node, ast.Call) and _callee(node) in MARKDOWN_PRODUCERS:
            return True
        if isinstance(node, ast.Attribute):
            return (self.type_of(node.value, scope), node.attr) in MARKDOWN_FIELDS
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.safe(element, scope) for element in node.elts)
        if isinstance(node, ast.Name):
            bindings = self.module.bindings(node.id, scope)
            return bool(bindings) and all(
                kind == "value" and self.safe_items(value, scope) for kind, value in bindings
            )
        return False

    def safe_call(self, node: ast.Call, scope: ast.AST) -> bool:
        name = _callee(node)
        if isinstance(node.func, ast.Name) and name in ESCAPING:
            return True
        if isinstance(node.func, ast.Name) and name in MARKDOWN_PRODUCERS:
            return True
        if isinstance(node.func, ast.Attribute) and name == "join":
            separator = node.func.value
            return (
                isinstance(separator, ast.Constant)
                and len(node.args) == 1
                and self.safe_items(node.args[0], scope)
            )
        translated = self.is_translator(node.func, scope) or (
            isinstance(node.func, ast.Attribute)
            and name in TRANSLATOR_METHODS
            and self.is_translator(node.func.value, scope)
        )
        if translated:
            # The key may be any expression: the catalog's lookup is strict, so the text is
            # always one of its messages. The placeholders must be filled with safe text.
            counts = node.args[1:] if name == "plural" else []
            return all(
                keyword.arg is not None and self.safe(keyword.value, scope)
                for keyword in node.keywords
            ) and all(self.is_number(count, scope) for count in counts)
        if isinstance(node.func, ast.Name) and name in self.module.functions:
            return self.safe_returns(self.module.functions[name])
        return False

    def safe_returns(self, function: ast.FunctionDef) -> bool:
        """Whether every ``return`` of a function of the checked files is safe."""
        if function.name in self.verifying:
            return True  # recursion: decided by its other returns
        self.verifying.add(function.name)
        try:
            returns = [n for n in ast.walk(function) if isinstance(n, ast.Return)]
            return bool(returns) and all(
                r.value is not None and self.safe(r.value, function) for r in returns
            )
        finally:
            self.verifying.discard(function.name)

    # ---- the call sites

    def unsafe_calls(self) -> list[Unsafe]:
        found = []
        for node in ast.walk(self.module.tree):
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)  # st.markdown(…), st.sidebar.caption(…), show_markdown(…)
            texts = [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
            if name in BODY_FIRST | LABEL_FIRST and node.args:
                texts.insert(0, node.args[0])
            elif name == "Page":  # the navigation shows a page's title
                texts += [kw.value for kw in node.keywords if kw.arg == "title"]
            elif name not in BODY_FIRST | LABEL_FIRST:
                continue
            scope = self.module.scope_of(node)
            found += [
                Unsafe(
                    self.module.path.name,
                    text.lineno,
                    ast.unparse(node.func),
                    ast.unparse(text),
                )
                for text in texts
                if not self.safe(text, scope)
            ]
        return found


def _functions(paths: list[Path]) -> dict[str, ast.FunctionDef]:
    functions = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                functions[node.name] = node
    return functions


def unsafe_calls(paths: list[Path]) -> list[Unsafe]:
    functions = _functions(paths)
    return [found for path in paths for found in Checker(Module(path, functions)).unsafe_calls()]


def count_calls(paths: list[Path]) -> int:
    return sum(
        1
        for path in paths
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in BODY_FIRST | LABEL_FIRST
    )


def test_every_markdown_call_site_shows_only_escaped_or_the_projects_own_text():
    assert len(CHECKED) >= 10
    assert count_calls(CHECKED) >= 50  # the walk finds the call sites
    assert unsafe_calls(CHECKED) == []


def test_every_listed_producer_of_markdown_is_one_the_hostile_tests_render():
    # Each producer is trusted here because tests/test_hostile_text.py renders it with
    # every payload in every field: it must be called there.
    hostile_tests = (ROOT / "tests" / "test_hostile_text.py").read_text(encoding="utf-8")
    for name in MARKDOWN_PRODUCERS | set(TYPED_PRODUCERS):
        assert f"{name}(" in hostile_tests, name
    for _, field in MARKDOWN_FIELDS:
        assert f".{field}" in hostile_tests, field


# The checker on code it must refuse: each line is a hole this project had, or one like it.
REFUSED = {
    "a link parameter in a notice": (
        "value = st.query_params.get('place')\n"
        "st.toast(t('notice.bad_url_parameter', name='place', value=value, reason=''))"
    ),
    "a notice's value from session state": (
        "for notice in st.session_state.pop('link_notices', []):\n    st.toast(notice)"
    ),
    "a place name in a button label": (
        "picked = rows.iloc[0]\n"
        "st.link_button(t('timeline.open_on_map', place=picked['place']), '/')"
    ),
    "data text in a heading": "title = tour.title\nst.subheader(f'{title} · table.csv')",
    "data text in a tooltip": "st.button('ok', help=tour.description)",
    "a catalog message filled from a dict": "st.info(t('notice.x', **notice.values))",
    "a parameter of unknown provenance": "def show(text):\n    st.markdown(text)",
    "an unlisted field of a row": (
        "for row in itinerary(tour, events, t):\n    st.markdown(row.event_id)"
    ),
    "a string's own method": "st.caption(tour.title.upper())",
    "data added to escaped text": "text = md(a)\ntext += tour.title\nst.markdown(text)",
    "a name a nested function escapes": (
        "text = tour.title\n\ndef other():\n    text = md(x)\n    return text\n\nst.markdown(text)"
    ),
    "a label through a local helper that returns data": (
        "def label(place):\n    return place['name']\n\nst.button(label(place))"
    ),
}
ACCEPTED = {
    "escaped data text": "st.markdown(md(tour.rights))",
    "a catalog message filled with escaped text": (
        "st.info(t('sidebar.person_only', name=escape_markdown(name)))"
    ),
    "a count": "st.caption(t.plural('quotes.count', len(found)))",
    "a produced card": (
        "def show_card(card: Card, t: Translator):\n    st.markdown('\\n'.join(card.evidence))"
    ),
    "a local helper that escapes": (
        "def notice_text(notice, t: Translator):\n"
        "    return t('notice.bad_url_parameter', value=md(notice.value))\n\n"
        "st.toast(notice_text(notice, t))"
    ),
}


def _check_snippet(code: str, tmp_path: Path) -> list[Unsafe]:
    page = tmp_path / "page.py"
    prelude = "import streamlit as st\nfrom goodwill.i18n import translator\nt = translator('en')\n"
    page.write_text(prelude + code, encoding="utf-8")
    return Checker(Module(page, _functions([page]))).unsafe_calls()


@pytest.mark.parametrize("code", REFUSED.values(), ids=REFUSED.keys())
def test_the_checker_refuses_text_from_outside(code, tmp_path):
    assert _check_snippet(code, tmp_path), code


@pytest.mark.parametrize("code", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_the_checker_accepts_escaped_and_own_text(code, tmp_path):
    assert _check_snippet(code, tmp_path) == []
