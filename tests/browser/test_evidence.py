"""In the app, a fact's evidence shows what kind it is: the story's words as a quotation
under "Excerpt from", the project's summary of the Tucson Sentinel (which it holds only
through its notes) as plain text under "Our summary of", never as a quotation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from goodwill import urls
from goodwill.i18n import translator

SENTINEL_SUMMARY = "The Friday before 2016-08-08 is 2016-08-05."


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_sentinels_date_evidence_shows_as_our_summary_and_the_storys_as_an_excerpt(
    page: Page, app_url: str, wait_for_app, lang: str
) -> None:
    t = translator(lang)
    page.goto(app_url + urls.MAP.url({"lang": lang, "place": "pima-west-campus"}))
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    folds = main.locator(
        '[data-testid="stExpander"] summary', has_text=t("panel.evidence_and_sources")
    )
    expect(folds.first).to_be_visible(timeout=30_000)
    for fold in folds.all():
        fold.click()
    summary = main.locator("li", has_text=SENTINEL_SUMMARY)
    expect(summary.first).to_be_visible()
    expect(summary.first).to_contain_text(t("evidence.summary_of"))
    assert main.locator("blockquote", has_text=SENTINEL_SUMMARY).count() == 0
    excerpt = main.locator("li", has_text=t("evidence.excerpt_from")).first
    expect(excerpt.locator("blockquote").first).to_be_visible()
