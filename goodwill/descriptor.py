"""A package's ``datapackage.json``: read within limits, and held inside its own folder.

A data package is a closed world. It is what an editor or a contributor hands over, and
``GOODWILL_DATA`` points the server at any folder, so what it names is checked before
anything it names is opened:

- every file it names (a resource's ``path``, a ``schema`` or ``dialect`` kept in its own
  file) is a relative path that stays inside the package's folder once resolved, symbolic
  links included; an address (``http://…``, ``file://…``), an absolute path or a way out
  (``../``) is a problem naming the field, and nothing is fetched, looked up or read;
- a ``profile`` or ``$schema`` is one of the standard names: a profile given as an address
  or a file is a JSON Schema whose ``$ref`` Frictionless would fetch from the network;
- the description itself is at most :data:`MAX_DESCRIPTOR_BYTES` and nested at most
  :data:`MAX_NESTING` deep, checked before it is parsed: a 10 MB description held the page
  up for a minute and a half, and one nested 100,000 deep broke the JSON parser;
- everything the loader reads from it has the shape it reads (``resources`` a list of
  objects, a field's ``name`` a string…), so no later step meets a number where it reads a
  list.

:func:`read_package_descriptor` does all of it, and returns the description with every
``schema`` and ``dialect`` kept in a file of the package written in place: nothing later
(Frictionless included) has a file of its own to open but the tables.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from goodwill.problems import Problem

DESCRIPTOR_NAME = "datapackage.json"
#: The largest description read (also for a schema or dialect kept in its own file). The
#: shipped one is 30 kB; a description a thousand times as long is not one an editor wrote.
MAX_DESCRIPTOR_BYTES = 1_000_000
#: The deepest nesting of objects and lists accepted: the shipped description is 8 deep
#: (the package, resources, a resource, its schema, fields, a field, constraints, enum).
MAX_NESTING = 32
#: Profiles Frictionless knows by name, without reading or fetching anything.
PACKAGE_PROFILES = ("data-package", "tabular-data-package")
RESOURCE_PROFILES = ("data-resource", "tabular-data-resource")
#: The standard profiles' addresses (Data Package v1 and v2), which Frictionless recognises
#: without fetching them.
_STANDARD_SCHEMA = re.compile(r"^https://datapackage\.org/profiles/\d+\.\d+/[a-z]+\.json$")
# A JSON string, so that brackets inside text do not count as nesting. One left open runs
# to the end: the pattern then always matches where it starts, so a text of a million
# quote marks and backslashes is read once, not once from each quote mark.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"?', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_BRACKET_STEPS = {"[": 1, "{": 1, "]": -1, "}": -1}


def descriptor_path(path: Path) -> Path:
    """Accept either the package folder or its ``datapackage.json``."""
    path = Path(path)
    return path if path.suffix == ".json" else path / DESCRIPTOR_NAME


def read_package_descriptor(descriptor_file: Path) -> tuple[dict, list[Problem]]:
    """The description of the package at ``descriptor_file``, checked as this module says,
    with the ``schema`` and ``dialect`` files it names written in place; or ``{}`` and
    every problem that stops it from being used."""
    shown = str(descriptor_file)
    folder = descriptor_file.parent
    if not descriptor_file.is_file():
        return {}, [Problem(shown, None, None, "no data package here: the file does not exist")]
    if not _inside(descriptor_file, folder):
        return {}, [
            Problem(
                shown,
                None,
                None,
                "the file is a link to a file outside the package's folder: copy the "
                "description into the folder",
            )
        ]
    descriptor, problems = read_json(descriptor_file, shown)
    if problems:
        return {}, problems
    if not isinstance(descriptor, dict):
        return {}, [Problem(shown, None, None, "not a data package: the JSON is not an object")]
    problems = shape_problems(descriptor, shown) + closed_world_problems(descriptor, folder, shown)
    if problems:
        return {}, problems
    return _with_files_in_place(descriptor, folder, shown)


def read_json(file: Path, shown: str) -> tuple[object, list[Problem]]:
    """The JSON value in ``file``, or ``None`` and why it cannot be read: too big (checked
    before reading), not UTF-8, nested too deep (checked before parsing), not JSON."""
    size = file.stat().st_size
    if size > MAX_DESCRIPTOR_BYTES:
        return None, [
            Problem(
                shown,
                None,
                None,
                f"the file is {size / 1e6:,.1f} MB, more than the "
                f"{MAX_DESCRIPTOR_BYTES / 1e6:,.0f} MB a package description may be: "
                "is it the right file?",
            )
        ]
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(shown, None, None, f"the file is not UTF-8 text ({error.reason})")]
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        return None, [
            Problem(
                shown,
                None,
                None,
                f"objects and lists are nested {depth:,} deep, more than the {MAX_NESTING} "
                "a package description needs",
            )
        ]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        message = f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
    except ValueError as error:  # a number of more than 4,300 digits, say
        message = f"not valid JSON: {error}"
    return None, [Problem(shown, None, None, message)]


def nesting_depth(text: str) -> int:
    """How deep objects and lists nest in the JSON ``text``, counted without parsing it
    (text inside strings does not count). Linear in the length of ``text``."""
    brackets = _NOT_BRACKETS.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(_BRACKET_STEPS[char] for char in brackets), default=0)


# --------------------------------------------------------------------------- shape


def _kind(value: object) -> str:
    """What a JSON value is, in an editor's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {
        str: "text",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _shape(value: object, wanted: str) -> str | None:
    """Why ``value`` is not what ``wanted`` says ("text", "an object", "a list",
    "a list of text", "text or a list of text"); ``None`` when it is."""
    fits = {
        "text": isinstance(value, str),
        "an object": isinstance(value, dict),
        "a list": isinstance(value, list),
        "a list of text": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "text or a list of text": isinstance(value, str)
        or (isinstance(value, list) and all(isinstance(v, str) for v in value)),
        "an object or a file name": isinstance(value, dict | str),
        "true or false": isinstance(value, bool),
    }[wanted]
    return None if fits else f"must be {wanted}, not {_kind(value)}"


#: What the loader and the pages read from a description, and the shape they read it in.
_PACKAGE_SHAPE = {"resources": "a list", "title": "text", "description": "text", "rights": "text"}
_RESOURCE_SHAPE = {
    "name": "text",
    "path": "text or a list of text",
    "schema": "an object or a file name",
    "dialect": "an object or a file name",
    "title": "text",
    "description": "text",
}
_SCHEMA_SHAPE = {
    "fields": "a list",
    "primaryKey": "text or a list of text",
    "foreignKeys": "a list",
    "missingValues": "a list of text",
}
_FIELD_SHAPE = {
    "name": "text",
    "type": "text",
    "format": "text",
    "description": "text",
    "constraints": "an object",
    "decimalChar": "text",
    "groupChar": "text",
    "bareNumber": "true or false",
    "trueValues": "a list of text",
    "falseValues": "a list of text",
}
_FOREIGN_KEY_SHAPE = {"fields": "text or a list of text", "reference": "an object"}
_REFERENCE_SHAPE = {"resource": "text", "fields": "text or a list of text"}


def _at(where: str, part: str) -> str:
    """The location of ``part`` inside ``where``, as the problems name it:
    ``resources[2].schema.fields[4].type``."""
    if not where:
        return part
    return f"{where}{part}" if part.startswith("[") else f"{where}.{part}"


def _shape_of(where: str, item: dict, expected: dict[str, str]) -> Iterator[tuple[str, str]]:
    for key, wanted in expected.items():
        if key in item and (reason := _shape(item[key], wanted)):
            yield _at(where, key), reason


def shape_problems(descriptor: dict, shown: str) -> list[Problem]:
    """Every part of ``descriptor`` the dashboard reads that is not the kind of value it
    reads there: ``"resources": 7``, a field whose name is a list…"""
    found = list(_shape_of("", descriptor, _PACKAGE_SHAPE))
    resources = descriptor.get("resources", [])
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        found += _resource_shape(f"resources[{i}]", resource)
    return [Problem(shown, None, where, reason) for where, reason in found]


def _resource_shape(where: str, resource: object) -> list[tuple[str, str]]:
    if not isinstance(resource, dict):
        return [(where, f"must be an object describing a table, not {_kind(resource)}")]
    found = list(_shape_of(where, resource, _RESOURCE_SHAPE))
    if isinstance(resource.get("schema"), dict):
        found += schema_shape(_at(where, "schema"), resource["schema"])
    return found


def schema_shape(where: str, schema: dict) -> list[tuple[str, str]]:
    """(field, reason) for every part of a Table Schema that is not the kind of value the
    dashboard reads there."""
    found = list(_shape_of(where, schema, _SCHEMA_SHAPE))
    fields, not_objects = _objects(where, schema, "fields")
    found += not_objects
    for here, field in fields:
        found += _shape_of(here, field, _FIELD_SHAPE)
        if field.get("name") == "":
            found.append((_at(here, "name"), "must not be empty"))
        constraints = field.get("constraints")
        enum = constraints.get("enum", []) if isinstance(constraints, dict) else []
        if reason := _shape(enum, "a list"):
            found.append((_at(here, "constraints.enum"), reason))
    keys, not_objects = _objects(where, schema, "foreignKeys")
    found += not_objects
    for here, key in keys:
        found += _shape_of(here, key, _FOREIGN_KEY_SHAPE)
        if isinstance(key.get("reference"), dict):
            found += _shape_of(_at(here, "reference"), key["reference"], _REFERENCE_SHAPE)
    return found


def _objects(where: str, parent: dict, key: str) -> tuple[list[tuple[str, dict]], list]:
    """The objects listed under ``key`` with their locations, and a problem for each item
    that is not an object. (Whether the list is a list is :data:`_SCHEMA_SHAPE`'s.)"""
    items = parent.get(key, [])
    if not isinstance(items, list):
        return [], []
    located = [(_at(where, f"{key}[{n}]"), item) for n, item in enumerate(items)]
    return (
        [(here, item) for here, item in located if isinstance(item, dict)],
        [
            (here, f"must be an object, not {_kind(item)}")
            for here, item in located
            if not isinstance(item, dict)
        ],
    )


# --------------------------------------------------------------------------- closed world


def _inside(file: Path, folder: Path) -> bool:
    """Whether ``file``, symbolic links followed, is inside ``folder`` (also resolved)."""
    try:
        return file.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links, a name the system refuses
        return False


def _outside_reason(name: str, folder: Path) -> str | None:
    """Why the file name ``name`` (as a package writes it) does not name a file inside
    ``folder``; ``None`` when it does. Decided from the text first, so an address is never
    looked up and a path leading out is never touched; then with the links resolved."""
    try:
        address = bool(urlsplit(name).scheme)
    except ValueError:  # "http://[", say: no file name either
        address = True
    if address:
        return (
            "must be a path inside the package, not an address: the dashboard reads only "
            "files in the package's folder, and fetches nothing"
        )
    if "\x00" in name or not name.strip():
        return "must be a path inside the package, not an empty or unprintable name"
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or name.startswith("~") or ".." in posix.parts:
        return (
            f'must be a path inside the package (relative to its folder, without ../), not "{name}"'
        )
    if not _inside(folder / posix, folder):
        return f'must be a path inside the package: "{name}" is a link to a file outside its folder'
    target = folder / posix
    if target.exists() and not target.is_file():
        return f'must name a file: "{name}" is a folder or a device'
    return None


def closed_world_problems(descriptor: dict, folder: Path, shown: str) -> list[Problem]:
    """Every file name in ``descriptor`` that leads outside ``folder``, and every profile
    that would be read or fetched. Touches no file outside ``folder`` and no network."""
    found: list[tuple[str, str]] = []
    resources = descriptor.get("resources", [])
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(resource, dict):
            continue
        for key in ("path", "extrapaths", "schema", "dialect"):
            value = resource.get(key)
            names = value if isinstance(value, list) else [value]
            for n, name in enumerate(names):
                where = f"resources[{i}].{key}" + (f"[{n}]" if isinstance(value, list) else "")
                if isinstance(name, str) and (reason := _outside_reason(name, folder)):
                    found.append((where, reason))
        if "scheme" in resource and resource["scheme"] != "file":
            found.append(
                (f"resources[{i}].scheme", "must be left out: the tables are files of the package")
            )
    found += _profile_problems(descriptor)
    return [Problem(shown, None, where, reason) for where, reason in found]


def _profile_problems(
    node: object, where: str = "", root: tuple[str, ...] = PACKAGE_PROFILES
) -> list[tuple[str, str]]:
    """Every ``profile`` or ``$schema`` in ``node`` that is not a standard one; ``root``:
    the profiles its top level may name (a package's, or none for a schema's own file)."""
    found = []
    if isinstance(node, list):
        for n, value in enumerate(node):
            found += _profile_problems(value, _at(where, f"[{n}]"), root)
    if not isinstance(node, dict):
        return found
    for key, value in node.items():
        here = _at(where, str(key))
        if key == "profile" and value not in (allowed := _allowed_profiles(where, root)):
            found.append((here, _profile_reason(allowed)))
        elif key == "$schema" and not (isinstance(value, str) and _STANDARD_SCHEMA.match(value)):
            found.append((here, _profile_reason(("https://datapackage.org/profiles/…",))))
        else:
            found += _profile_problems(value, here, root)
    return found


def _profile_reason(allowed: tuple[str, ...]) -> str:
    choice = f"must be {' or '.join(allowed)}, or be left out" if allowed else "must be left out"
    return f"{choice}: a profile at an address or in a file is read or fetched"


def _allowed_profiles(where: str, root: tuple[str, ...]) -> tuple[str, ...]:
    """The profiles a description may name at ``where``: ``root`` at the top, a
    resource's in a resource, none anywhere else."""
    if not where:
        return root
    if re.fullmatch(r"resources\[\d+\]", where):
        return RESOURCE_PROFILES
    return ()


def _with_files_in_place(descriptor: dict, folder: Path, shown: str) -> tuple[dict, list[Problem]]:
    """``descriptor`` with each ``schema`` and ``dialect`` that names a file replaced by
    that file's JSON (each checked as the description is)."""
    descriptor = copy.deepcopy(descriptor)
    problems = []
    for i, resource in enumerate(descriptor.get("resources", [])):
        for key in ("schema", "dialect"):
            name = resource.get(key)
            if not isinstance(name, str):
                continue
            file = folder / PurePosixPath(name.replace("\\", "/"))
            where = f"resources[{i}].{key}"
            if not file.is_file():
                problems.append(Problem(shown, None, where, f'the file "{name}" is missing'))
                continue
            value, file_problems = read_json(file, str(file))
            problems += file_problems
            if file_problems:
                continue
            found = _profile_problems(value, root=())
            if key == "schema" and isinstance(value, dict):
                found += schema_shape("", value)
            elif not isinstance(value, dict):
                found.append((where, f'the file "{name}" must hold a JSON object'))
            problems += [Problem(str(file), None, part, reason) for part, reason in found]
            resource[key] = value
    return (descriptor, []) if not problems else ({}, problems)
