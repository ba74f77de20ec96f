"""The deploy template rendered for nginx in front of two or more app processes
(``tests/helpers/nginx.py``): two as written, more the way the template's comment says."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.helpers.nginx import TEMPLATE, locate_nginx, render_config

LISTEN = "127.0.0.1:8080"
FOUR = ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503", "127.0.0.1:8504"]


def block(text: str, opening: str) -> str:
    """The lines of the ``{ ... }`` block that starts with ``opening``."""
    match = re.search(re.escape(opening) + r" \{\n(.*?)\n\s*\}", text, flags=re.DOTALL)
    assert match, opening
    return match[1]


TILES = "https://tile.openstreetmap.org"


def test_two_backends_fill_the_template_as_written():
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in (
        ("{{LISTEN}}", LISTEN),
        ("{{BACKEND_A}}", FOUR[0]),
        ("{{BACKEND_B}}", FOUR[1]),
        ("{{TILES}}", TILES),
    ):
        text = text.replace(placeholder, value)
    assert render_config(LISTEN, FOUR[:2], TILES) == text


def test_each_backend_beyond_two_gets_the_lines_the_template_asks_for():
    text = render_config(LISTEN, FOUR)
    assert re.findall(r"server (\S+);", block(text, "upstream goodwill_any")) == FOUR
    for name, backend in zip("cd", FOUR[2:], strict=True):
        pinned = block(text, f"upstream goodwill_{name}")
        assert re.findall(r"server (\S+)( backup)?;", pinned) == [
            (backend, ""),
            (FOUR[0], " backup"),
        ]
        assert re.search(rf"^\s*{name}\s+goodwill_{name};$", text, flags=re.MULTILINE)
        assert re.search(rf'^\s*"~{re.escape(backend)}\$"\s+{name};$', text, flags=re.MULTILINE)
    assert "{{" not in text


def test_nginx_accepts_the_config_for_four_backends(tmp_path):
    nginx = locate_nginx()
    if not nginx:
        pytest.skip("nginx is not installed")
    for folder in ("logs", "tmp"):  # the template keeps every file under its prefix
        (tmp_path / folder).mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(render_config(LISTEN, FOUR), encoding="utf-8")
    checked = subprocess.run(
        [nginx, "-t", "-p", f"{tmp_path}/", "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("count", [1, 9])
def test_fewer_than_two_or_more_than_eight_backends_are_refused(count):
    with pytest.raises(ValueError, match="backends"):
        render_config(LISTEN, [f"127.0.0.1:{8500 + i}" for i in range(count)])
