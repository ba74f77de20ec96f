/*
 * The offline archive (goodwill/archive.py): every panel and every language is already in
 * the page; this script only shows and hides them. A click on a marker of the map (or on
 * a place of the itinerary) shows that place's panel; a language button shows that
 * language. It never builds markup, and reads data only from the page's own attributes.
 */
(function () {
    "use strict";

    const root = document.documentElement;

    function select(placeId) {
        for (const panel of document.querySelectorAll("[data-gw-panel]")) {
            panel.hidden = panel.dataset.gwPanel !== placeId;
        }
        for (const marker of document.querySelectorAll(".gw-marker")) {
            const chosen = marker.dataset.placeId === placeId;
            marker.classList.toggle("gw-selected", chosen);
            if (chosen) {
                marker.setAttribute("aria-current", "true");
            } else {
                marker.removeAttribute("aria-current");
            }
        }
        // On a phone the panel is under the map: bring the place's words into view.
        const shown = document.querySelector(
            "[data-gw-lang]:not([hidden]) > [data-gw-panel]:not([hidden])");
        if (shown && placeId && shown.getBoundingClientRect().top > window.innerHeight) {
            shown.scrollIntoView({block: "start"});
        }
    }

    function showLanguage(lang) {
        for (const part of document.querySelectorAll("[data-gw-lang]")) {
            part.hidden = part.dataset.gwLang !== lang;
        }
        for (const button of document.querySelectorAll("[data-gw-language]")) {
            button.setAttribute("aria-pressed", String(button.dataset.gwLanguage === lang));
        }
        root.lang = lang;
        const title = document.querySelector("[data-gw-lang='" + lang + "'] h1");
        if (title) { document.title = title.textContent; }
    }

    document.addEventListener("click", function (event) {
        const marker = event.target.closest(".gw-marker[data-place-id]");
        const chooser = event.target.closest("[data-gw-select]");
        const language = event.target.closest("[data-gw-language]");
        if (marker) {
            select(marker.dataset.placeId);
        } else if (chooser) {
            select(chooser.dataset.gwSelect);
            if (chooser.closest(".gw-archive-itinerary")) {
                document.querySelector(".gw-archive-map").scrollIntoView({block: "start"});
            }
        } else if (language) {
            showLanguage(language.dataset.gwLanguage);
        }
    });
}());
