"""What the dashboard reads in each table of a data package: every column, the type it reads
it as, whether every row needs a value, the table it refers to and the range it can draw.

:mod:`goodwill.expectations` holds every package to these declarations, whatever the
package's own schema says; :mod:`goodwill.dataset` reads the tables by them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Column:
    """How the dashboard reads one column."""

    type: str = "string"  # string, date, number, integer or boolean
    required: bool = False  # every row needs a value
    refers_to: str | None = None  # "table.column" every value must be found in
    bounds: tuple[float, float] | None = None  # the range a number must lie in
    address: bool = False  # a web address (http or https), or a file of the package
    country: bool = False  # an ISO 3166 code the dashboard can name in every language


TEXT = Column(required=True)
OPTIONAL_TEXT = Column()
CODE = Column(required=True)  # its values: goodwill.known_codes
ID = Column(required=True)  # each table's first column: unique


def _refers(target: str, *, required: bool = True) -> Column:
    return Column(required=required, refers_to=target)


SOURCE = _refers("sources.source_id")

#: Every column the pages, the map, the panels, the filters and the exports read.
TABLES: Mapping[str, Mapping[str, Column]] = MappingProxyType(
    {
        "sources": {
            "source_id": ID,
            "kind": CODE,
            "outlet": TEXT,
            "author": OPTIONAL_TEXT,
            "headline": TEXT,
            "url": Column(address=True),
            "published": Column("date"),
            "anchors_event_id": _refers("events.event_id", required=False),
            "used_for": TEXT,
            "cited_by": SOURCE,
            "cited_as": CODE,
            "evidence": TEXT,
        },
        "places": {
            "place_id": ID,
            "name": TEXT,
            "venue": OPTIONAL_TEXT,
            "locality": OPTIONAL_TEXT,
            "admin_area": OPTIONAL_TEXT,
            # Named, and checked against the outlines, by goodwill.checks.
            "country": Column(required=True, country=True),
            "latitude": Column("number", required=True, bounds=(-90, 90)),
            "longitude": Column("number", required=True, bounds=(-180, 180)),
            "location_precision": CODE,
            "coordinates_note": TEXT,
            "source_id": SOURCE,
            "evidence": TEXT,
        },
        "events": {
            "event_id": ID,
            "kind": CODE,
            "place_id": _refers("places.place_id"),
            "status": CODE,
            "date_start": Column("date"),
            "date_end": Column("date"),
            "date_precision": CODE,
            "date_words": TEXT,
            "date_inferred": Column("boolean", required=True),
            "date_resolution": OPTIONAL_TEXT,
            "date_source_id": _refers("sources.source_id", required=False),
            "date_evidence": OPTIONAL_TEXT,
            "venue": OPTIONAL_TEXT,
            "audience": OPTIONAL_TEXT,
            "audience_more_than": Column("integer", bounds=(0, 10**12)),
            "summary": TEXT,
            "source_id": SOURCE,
            "evidence": TEXT,
        },
        "city_pairs": {
            "pair_id": ID,
            "place_a_id": _refers("places.place_id"),
            "place_b_id": _refers("places.place_id"),
            "kind": CODE,
            "source_id": SOURCE,
            "evidence": TEXT,
        },
        "people": {
            "person_id": ID,
            "name": TEXT,
            "kind": CODE,
            "role": TEXT,
            "organisation": TEXT,
            "country": Column(required=True, country=True),
            "members": Column("integer", bounds=(1, 10**12)),
            "source_id": SOURCE,
            "evidence": TEXT,
        },
        "appearances": {
            "appearance_id": ID,
            "event_id": _refers("events.event_id"),
            "person_id": _refers("people.person_id"),
            "role": CODE,
            "on_behalf_of": _refers("people.person_id", required=False),
            "inferred": Column("boolean", required=True),
            "inference_note": OPTIONAL_TEXT,
            "source_id": SOURCE,
            "evidence": TEXT,
        },
        "quotes": {
            "quote_id": ID,
            "person_id": _refers("people.person_id"),
            "event_id": _refers("events.event_id"),
            "kind": CODE,
            "text": TEXT,
            "topic": CODE,
            "reported_language": CODE,
            "source_id": SOURCE,
            "evidence": TEXT,
        },
    }
)
#: Tables a package may leave out, and how the dashboard reads each of their columns when
#: it has them (the translations, read as text, are checked by goodwill.translation_checks).
OPTIONAL_COLUMNS: Mapping[str, Mapping[str, Column]] = MappingProxyType(
    {
        "changes": {
            "change_id": ID,
            "date": Column("date", required=True),
            "what": TEXT,
            "why": TEXT,
            "source_id": _refers("sources.source_id", required=False),
        },
    }
)
#: Each table's id column: its first.
KEYS: Mapping[str, str] = MappingProxyType(
    {table: next(iter(columns)) for table, columns in {**TABLES, **OPTIONAL_COLUMNS}.items()}
)
