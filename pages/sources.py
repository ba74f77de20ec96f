"""Sources & data: where every fact comes from, how the dates were resolved, what was
repaired in the received text, the data dictionary, and the filtered data to download."""

import streamlit as st

from goodwill.exports import (
    csv_files,
    filtered_tables,
    geojson_text,
    pairs_geojson,
    places_geojson,
    standalone_map_html,
)
from goodwill.i18n import N_
from goodwill.sources import data_dictionary, date_resolution_cards, repair_table, source_cards
from goodwill.text import escape_markdown as md
from goodwill.translations import TRANSLATIONS_TABLE, translated_descriptor
from ui.frame import page_context
from ui.publish import cite_section, notes_section
from ui.rich_text import show_markdown

page = page_context(N_("page.sources"))
t, tour = page.t, page.tour
events = page.events
# The downloads are the data as its package holds it, whatever the reader's language.
package, package_events = page.package, page.package.events.loc[events.index]
st.caption(t("sources.intro"))

st.header(t("sources.heading.sources"))
for source in source_cards(tour, t):
    with st.container(border=True):
        show_markdown(source)

notes_section(tour, t)

st.header(t("sources.heading.dates"))
resolutions = date_resolution_cards(tour, events, t)
st.markdown(md(t("sources.dates_intro")) if resolutions else md(t("sources.no_inferred_dates")))
for resolution in resolutions:
    with st.container(border=True):
        show_markdown(resolution)

st.header(t("sources.heading.repairs"))
st.markdown(md(t("sources.repairs_intro")))
repairs = repair_table()
st.dataframe(
    repairs.rename(
        columns={
            "received": t("sources.received"),
            "received_code_points": f"{t('sources.received')} (Unicode)",
            "true": t("sources.true_reading"),
            "true_code_points": f"{t('sources.true_reading')} (Unicode)",
        }
    ),
    hide_index=True,
)

st.header(t("sources.heading.rights"))
st.markdown(md(tour.rights))

cite_section(tour, t)

st.header(t("sources.heading.dictionary"))
st.caption(t("sources.dictionary_intro"))
columns = {
    "field": t("sources.column.field"),
    "type": t("sources.column.type"),
    "required": t("sources.column.required"),
    "constraints": t("sources.column.constraints"),
    "description": t("sources.column.description"),
}
# The title of each of the dashboard's tables (a test checks there is one for each).
TABLE_TITLES = {
    "sources": N_("sources.table.sources"),
    "places": N_("sources.table.places"),
    "events": N_("sources.table.events"),
    "city_pairs": N_("sources.table.city_pairs"),
    "people": N_("sources.table.people"),
    "appearances": N_("sources.table.appearances"),
    "quotes": N_("sources.table.quotes"),
    TRANSLATIONS_TABLE: N_("sources.table.translations"),
}
descriptor = translated_descriptor(package.descriptor, package.translations, t.lang)
for table, dictionary in data_dictionary(descriptor, t).items():
    # A table of the package's own (not one of ours) is shown by its name.
    title = t(TABLE_TITLES[table]) if table in TABLE_TITLES else md(table)
    st.subheader(f"{title} · {md(table)}.csv")
    st.dataframe(dictionary.rename(columns=columns), hide_index=True, width="stretch")

st.header(t("sources.heading.downloads"))
st.caption(t("sources.downloads_intro"))
files = csv_files(package, package_events)
kept = filtered_tables(package, package_events)
grid = st.columns(4)
for index, (table, data) in enumerate(files.items()):
    grid[index % 4].download_button(
        t.plural("sources.download_csv", len(kept[table]), table=md(table)),
        data,
        file_name=f"{table}.csv",
        mime="text/csv",
        key=f"download_{table}",
        icon=":material/table:",
    )
geo = st.columns(3)
geo[0].download_button(
    t("sources.download_places"),
    geojson_text(places_geojson(package, package_events)),
    file_name="places.geojson",
    mime="application/geo+json",
    icon=":material/location_on:",
)
geo[1].download_button(
    t("sources.download_pairs"),
    geojson_text(pairs_geojson(package, package_events)),
    file_name="city_pairs.geojson",
    mime="application/geo+json",
    icon=":material/timeline:",
)
geo[2].download_button(
    t("sources.download_map"),
    # Built only when asked for: the file holds every script and font (several MB).
    lambda: standalone_map_html(tour, events, t),
    file_name=f"goodwill-tour-map-{t.lang}.html",
    mime="text/html",
    help=t("sources.map_help"),
    icon=":material/map:",
)
