"""Every enumeration of a tour's data, once: the only list of its codes in the code.

The dashboard gives each code a meaning (a planned event is drawn hollow, a tour stop is
listed on the overview, a paraphrase is not put in quotation marks) and a label in every
catalog (``enum.<enumeration>.<code>``). A data package's Table Schema may list the same
codes in a field's ``constraints.enum``; the validator holds it to these lists (a schema
may allow fewer codes, never others) and refuses a value in the data that is not here,
whether or not the schema lists it. A new code is added here first, with its labels, and
only then used in the data.

Code that means one code names it (``EventKind.TOUR_STOP``); code that needs the list
takes it from :data:`ENUMERATIONS`, as plain strings in this order.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class EventKind(StrEnum):
    TOUR_STOP = "tour-stop"
    EARLIER_MEETING = "earlier-meeting"
    ANNOUNCED_VISIT = "announced-visit"


class EventStatus(StrEnum):
    HELD = "held"
    PLANNED = "planned"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    LATE_MONTH = "late-month"
    UNKNOWN = "unknown"  # only bounds are known ("before 5 August"), or none


class LocationPrecision(StrEnum):
    VENUE = "venue"
    CITY = "city"
    COUNTRY = "country"


class PairKind(StrEnum):
    BORDER_TWINS = "border-twins"
    TOUR_LEG = "tour-leg"


class AppearanceRole(StrEnum):
    SPEAKER = "speaker"
    SPEAKER_ON_BEHALF = "speaker-on-behalf"
    VISITOR = "visitor"
    PERFORMER = "performer"
    PLANNED_VISITOR = "planned-visitor"


class QuoteKind(StrEnum):
    FULL_QUOTE = "full-quote"
    QUOTED_PHRASE = "quoted-phrase"
    PARAPHRASE = "paraphrase"


class Topic(StrEnum):
    TRUST_AND_COOPERATION = "trust-and-cooperation"
    TRAVEL_AND_TRADE = "travel-and-trade"
    USE_OF_FORCE_AND_TRANSPARENCY = "use-of-force-and-transparency"
    JOINT_PATROLS_AND_COMMUNICATIONS = "joint-patrols-and-communications"
    MIGRATION_FROM_CENTRAL_AMERICA = "migration-from-central-america"


class PersonKind(StrEnum):
    PERSON = "person"
    ENSEMBLE = "ensemble"


class ReportedLanguage(StrEnum):
    """The language the story reports a quote in (not the reader's language)."""

    ENGLISH = "en"


class EvidenceKind(StrEnum):
    """How the package holds a source's words: each evidence cell that cites the source is
    an excerpt copied from its text, or the project's own summary of it (a source whose
    text the project does not hold, known only through its notes)."""

    VERBATIM = "verbatim"
    SUMMARY = "summary"


def _codes(enumeration: type[StrEnum]) -> tuple[str, ...]:
    # Plain strings: they go into widgets, URLs and messages, which show "held", never a
    # member's repr.
    return tuple(member.value for member in enumeration)


#: Each enumeration's codes, in order, by the name its labels have in the catalogs.
ENUMERATIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "event_kind": _codes(EventKind),
        "event_status": _codes(EventStatus),
        "date_precision": _codes(DatePrecision),
        "location_precision": _codes(LocationPrecision),
        "pair_kind": _codes(PairKind),
        "appearance_role": _codes(AppearanceRole),
        "quote_kind": _codes(QuoteKind),
        "topic": _codes(Topic),
        "person_kind": _codes(PersonKind),
        "reported_language": _codes(ReportedLanguage),
        "evidence_kind": _codes(EvidenceKind),
    }
)

#: The column of a data package that holds each enumeration: (table, field) -> its name.
ENUMERATED_FIELDS: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("places", "location_precision"): "location_precision",
        ("events", "kind"): "event_kind",
        ("events", "status"): "event_status",
        ("events", "date_precision"): "date_precision",
        ("city_pairs", "kind"): "pair_kind",
        ("people", "kind"): "person_kind",
        ("appearances", "role"): "appearance_role",
        ("quotes", "kind"): "quote_kind",
        ("quotes", "topic"): "topic",
        ("quotes", "reported_language"): "reported_language",
        ("sources", "cited_as"): "evidence_kind",
    }
)
