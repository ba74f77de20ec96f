"""The map's points as static files: named by their content, written once, never half."""

from __future__ import annotations

import os

from goodwill.i18n import translator
from goodwill.map.data import map_data
from goodwill.map.published import CACHE_FOLDER, KEPT_FILES, publish_document
from goodwill.paths import STATIC_URL

EN, ES = translator("en"), translator("es")


def test_a_document_is_written_once_under_a_name_made_from_its_content(tour, tmp_path):
    data = map_data(tour, tour.events, EN)
    url = publish_document(data.document, data.document_name, tmp_path)
    assert url == f"{STATIC_URL}/{CACHE_FOLDER}/{data.document_name}"
    written = tmp_path / data.document_name
    assert written.read_text(encoding="utf-8") == data.document
    os.utime(written, (0, 0))
    assert publish_document(data.document, data.document_name, tmp_path) == url
    assert written.stat().st_mtime == 0, "an existing file is not written again"
    assert [path.name for path in tmp_path.iterdir()] == [data.document_name]


def test_another_language_or_filter_is_another_file(tour):
    english = map_data(tour, tour.events, EN)
    spanish = map_data(tour, tour.events, ES)
    mexico = map_data(tour, tour.events[tour.events["place_id"] == "reynosa"], EN)
    names = {english.document_name, spanish.document_name, mexico.document_name}
    assert len(names) == 3
    assert english.document_name == map_data(tour, tour.events, EN).document_name


def test_an_unwritable_folder_leaves_the_points_inline(tour, tmp_path):
    data = map_data(tour, tour.events, EN)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert publish_document(data.document, data.document_name, blocked) is None


def test_the_oldest_files_beyond_the_kept_number_are_removed(tmp_path):
    for number in range(KEPT_FILES + 3):
        path = tmp_path / f"points-{number:04}.json"
        path.write_text("{}")
        os.utime(path, (number, number))
    publish_document('{"new": 1}', "points-new.json", tmp_path)
    kept = sorted(path.name for path in tmp_path.glob("points-*.json"))
    assert len(kept) == KEPT_FILES
    assert "points-new.json" in kept
    assert "points-0000.json" not in kept
    assert "points-0003.json" not in kept
    assert "points-0004.json" in kept
