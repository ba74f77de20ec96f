"""Synthetic tour data packages for the benchmark: as many events as asked, valid.

``write_package(folder, events=10_000)`` writes a data package with the shipped tour's
schema (its ``datapackage.json``, found by :func:`goodwill.paths.shipped_tour`) and every
table filled in proportion to the number of events:

- places: one per two events, spread over North and Central America, weighted towards the
  US and Mexico; every point is drawn inside the country it claims (checked with
  :func:`goodwill.geo.countries_at`, the same test the validator runs);
- events: about 1 % tour stops (the route), the rest earlier meetings and announced
  visits, with every date precision, inferred dates that say how, and held or planned;
- city pairs (one per ten places, each joining a place to its nearest place across a
  border), people (one per twenty events), appearances (two per event, the first a
  speaker) and quotes (seven per ten events, each by that event's speaker);
- evidence on every row, in plain ASCII, so the text checks pass.

The same ``seed`` gives the same package. ``python -m goodwill.synthetic OUT --events N``
writes one from the command line.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import json
from pathlib import Path

import numpy as np

from goodwill import geo
from goodwill.descriptor import DESCRIPTOR_NAME
from goodwill.enums import (
    ENUMERATIONS,
    AppearanceRole,
    DatePrecision,
    EventKind,
    EventStatus,
    LocationPrecision,
    PairKind,
    PersonKind,
    ReportedLanguage,
)
from goodwill.paths import shipped_tour
from goodwill.translations import SETTINGS_PROPERTY, TRANSLATIONS_TABLE

SOURCE_ID = "synthetic"
#: Where the places go: mostly the two countries of the tour, some everywhere else.
COUNTRY_WEIGHTS = {
    "US": 0.40,
    "MX": 0.34,
    "CA": 0.08,
    "GT": 0.03,
    "BZ": 0.01,
    "HN": 0.025,
    "SV": 0.015,
    "NI": 0.02,
    "CR": 0.02,
    "PA": 0.02,
    "CU": 0.02,
    "DO": 0.01,
}
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = 730
#: Events after the story's date are still planned.
STORY_DAY = dt.date(2016, 8, 8)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _points_in(code: str, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``count`` random points inside the country ``code`` (rejection sampling in its
    bounding box, below latitude 60 where the outline ends)."""
    geometry = geo._index().geometry_by_code[code]
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    max_lat = min(max_lat, 59.5)
    lats: list[float] = []
    lons: list[float] = []
    while len(lats) < count:
        batch = max(64, 4 * (count - len(lats)))
        lat = rng.uniform(min_lat, max_lat, batch).round(4)
        lon = rng.uniform(min_lon, max_lon, batch).round(4)
        inside = np.array([found == code for found in geo.countries_at(lat, lon)])
        lats += lat[inside].tolist()
        lons += lon[inside].tolist()
    return np.array(lats[:count]), np.array(lons[:count])


def _places(count: int, rng: np.random.Generator) -> list[dict]:
    codes = list(COUNTRY_WEIGHTS)
    weights = np.array(list(COUNTRY_WEIGHTS.values()))
    chosen = rng.choice(len(codes), size=count, p=weights / weights.sum())
    rows: list[dict] = []
    for index, code in enumerate(codes):
        wanted = int((chosen == index).sum())
        if not wanted:
            continue
        lats, lons = _points_in(code, wanted, rng)
        for lat, lon in zip(lats, lons, strict=True):
            number = len(rows) + 1
            rows.append(
                {
                    "place_id": f"place-{number}",
                    "name": f"Place {number}",
                    "venue": "",
                    "locality": f"Town {number}",
                    "admin_area": "",
                    "country": code,
                    "latitude": f"{lat:.4f}",
                    "longitude": f"{lon:.4f}",
                    "location_precision": LocationPrecision.CITY,
                    "coordinates_note": "Random point inside the country, for the benchmark.",
                    "source_id": SOURCE_ID,
                    "evidence": f"Synthetic place {number} in {code}, made for the benchmark.",
                }
            )
    order = rng.permutation(len(rows))
    rows = [rows[i] for i in order]
    for number, row in enumerate(rows, start=1):
        # Renumber after shuffling, so that place-1.. are spread over every country.
        row["place_id"], row["name"], row["locality"] = (
            f"place-{number}",
            f"Place {number}",
            f"Town {number}",
        )
        row["evidence"] = f"Synthetic place {number} in {row['country']}, made for the benchmark."
        row["location_precision"] = (
            LocationPrecision.COUNTRY
            if number % 25 == 0
            else LocationPrecision.VENUE
            if number % 3 == 0
            else LocationPrecision.CITY
        )
        if row["location_precision"] == LocationPrecision.VENUE:
            row["venue"] = f"Hall {number}, Town {number}"
    return rows


def _event_dates(rng: np.random.Generator) -> dict:
    day = FIRST_DAY + dt.timedelta(days=int(rng.integers(DAYS)))
    roll = rng.random()
    if roll < 0.70:
        start = end = day
        precision, words = DatePrecision.DAY, WEEKDAYS[day.weekday()]
    elif roll < 0.85:
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        precision, words = DatePrecision.MONTH, "last month"
    elif roll < 0.92:
        start = day.replace(day=21)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        precision, words = DatePrecision.LATE_MONTH, "late in the month"
    else:
        precision, words = DatePrecision.UNKNOWN, "earlier"
        bounds = int(rng.integers(4))
        start = day if bounds in (1, 3) else None
        end = day + dt.timedelta(days=30) if bounds in (2, 3) else None
    inferred = precision != DatePrecision.UNKNOWN and rng.random() < 0.3
    return {
        "date_start": start.isoformat() if start else "",
        "date_end": end.isoformat() if end else "",
        "date_precision": precision,
        "date_words": words,
        "date_inferred": "true" if inferred else "false",
        "date_resolution": "Counted back from the synthetic story's date." if inferred else "",
        "date_source_id": SOURCE_ID if inferred else "",
        "date_evidence": "The synthetic story is dated 8 August 2016." if inferred else "",
        "_day": start or end or day,
    }


def _events(count: int, places: list[dict], rng: np.random.Generator) -> list[dict]:
    stops = max(4, count // 100)
    # Every place gets an event first, so none is left without one.
    place_ids = [p["place_id"] for p in places]
    chosen = place_ids[: min(count, len(place_ids))]
    chosen += [place_ids[i] for i in rng.integers(len(place_ids), size=count - len(chosen))]
    rows = []
    for number, place_id in enumerate(chosen, start=1):
        dates = _event_dates(rng)
        kind = (
            EventKind.TOUR_STOP
            if number <= stops
            else (EventKind.EARLIER_MEETING if number % 3 else EventKind.ANNOUNCED_VISIT)
        )
        status = EventStatus.PLANNED if dates.pop("_day") > STORY_DAY else EventStatus.HELD
        rows.append(
            {
                "event_id": f"event-{number}",
                "kind": kind,
                "place_id": place_id,
                "status": status,
                **dates,
                "venue": f"Hall {number}" if number % 4 == 0 else "",
                "audience": "officials and residents" if number % 5 == 0 else "",
                "audience_more_than": str(50 + number % 400) if number % 5 == 0 else "",
                "summary": f"Synthetic event {number} took place at {place_id}.",
                "source_id": SOURCE_ID,
                "evidence": f"Synthetic event {number} at {place_id}, made for the benchmark.",
            }
        )
    return rows


def _city_pairs(places: list[dict], rng: np.random.Generator) -> list[dict]:
    lats = np.array([float(p["latitude"]) for p in places])
    lons = np.array([float(p["longitude"]) for p in places])
    countries = np.array([p["country"] for p in places])
    rows, seen = [], set()
    for a in rng.permutation(len(places))[: max(2, len(places) // 10)]:
        distance = (lats - lats[a]) ** 2 + (lons - lons[a]) ** 2
        distance[countries == countries[a]] = np.inf
        b = int(np.argmin(distance))
        if not np.isfinite(distance[b]) or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        number = len(rows) + 1
        rows.append(
            {
                "pair_id": f"pair-{number}",
                "place_a_id": places[a]["place_id"],
                "place_b_id": places[b]["place_id"],
                "kind": PairKind.BORDER_TWINS if number % 4 else PairKind.TOUR_LEG,
                "source_id": SOURCE_ID,
                "evidence": f"Synthetic pair {number}, made for the benchmark.",
            }
        )
    return rows


def _people(count: int) -> list[dict]:
    return [
        {
            "person_id": f"person-{number}",
            "name": f"Person {number}",
            "kind": PersonKind.ENSEMBLE if number % 10 == 0 else PersonKind.PERSON,
            "role": "Commissioner" if number % 2 else "Chief",
            "organisation": "Synthetic Border Agency" if number % 2 else "Synthetic Police",
            "country": "US" if number % 2 else "MX",
            "members": str(10 + number % 40) if number % 10 == 0 else "",
            "source_id": SOURCE_ID,
            "evidence": f"Synthetic person {number}, made for the benchmark.",
        }
        for number in range(1, count + 1)
    ]


def _appearances_and_quotes(
    events: list[dict], people: list[dict], rng: np.random.Generator
) -> tuple[list[dict], list[dict]]:
    appearances, quotes = [], []
    topics = ENUMERATIONS["topic"]
    for number, event in enumerate(events, start=1):
        speaker, other = rng.choice(len(people), size=2, replace=False)
        for index, role in ((speaker, AppearanceRole.SPEAKER), (other, AppearanceRole.VISITOR)):
            person_id = people[index]["person_id"]
            appearances.append(
                {
                    "appearance_id": f"{person_id}@{event['event_id']}",
                    "event_id": event["event_id"],
                    "person_id": person_id,
                    "role": role,
                    "on_behalf_of": "",
                    "inferred": "false",
                    "inference_note": "",
                    "source_id": SOURCE_ID,
                    "evidence": f"Synthetic appearance at {event['event_id']}.",
                }
            )
        if number % 10 < 7:
            text = f"We met at event {number} to build trust and cooperation"
            quotes.append(
                {
                    "quote_id": f"quote-{number}",
                    "person_id": people[speaker]["person_id"],
                    "event_id": event["event_id"],
                    "kind": ENUMERATIONS["quote_kind"][number % 3],
                    "text": text,
                    "topic": topics[number % len(topics)],
                    "reported_language": ReportedLanguage.ENGLISH,
                    "source_id": SOURCE_ID,
                    "evidence": f"{text}, said a synthetic speaker.",
                }
            )
    return appearances, quotes


def _write(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write_package(folder: Path, events: int, *, seed: int = 2016) -> Path:
    """Write a valid synthetic tour of ``events`` events into ``folder``; return it."""
    if events < 4:
        raise ValueError("a synthetic tour needs at least 4 events")
    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((shipped_tour() / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    descriptor.update(
        name=f"synthetic-tour-{events}",
        title=f"Synthetic tour of {events:,} events (benchmark)",
        description="Made by goodwill.synthetic for the performance benchmark; not real.",
        rights="Synthetic data, no rights reserved.",
    )
    descriptor.pop("sources", None)
    # A new tour, not translated: its Spanish readers see its English text (the validator
    # warns), as they would any tour made by its editors before it is translated.
    descriptor.pop(SETTINGS_PROPERTY, None)
    (folder / DESCRIPTOR_NAME).write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    fields = {
        resource["name"]: [field["name"] for field in resource["schema"]["fields"]]
        for resource in descriptor["resources"]
    }
    places = _places(max(4, events // 2), rng)
    event_rows = _events(events, places, rng)
    people = _people(max(6, events // 20))
    appearances, quotes = _appearances_and_quotes(event_rows, people, rng)
    sources = [
        {
            "source_id": SOURCE_ID,
            "kind": "research-notes",
            "outlet": "Goodwill Tour Map benchmark",
            "author": "",
            "headline": "Synthetic tour",
            "url": "",
            "published": "",
            "used_for": "Every row of this synthetic package.",
            "cited_by": SOURCE_ID,
            "evidence": "Made by goodwill.synthetic for the performance benchmark.",
        }
    ]
    tables = {
        "sources": sources,
        "places": places,
        "events": event_rows,
        "city_pairs": _city_pairs(places, rng),
        "people": people,
        "appearances": appearances,
        "quotes": quotes,
        TRANSLATIONS_TABLE: [],
    }
    for name, rows in tables.items():
        _write(folder / f"{name}.csv", rows, fields[name])
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m goodwill.synthetic")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2016)
    arguments = parser.parse_args(argv)
    print(write_package(arguments.folder, arguments.events, seed=arguments.seed))


if __name__ == "__main__":
    main()
