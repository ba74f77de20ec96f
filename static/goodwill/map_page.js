/* The map page's behaviour that Streamlit has no API for (ui/frame.py runs this
 * file once per page load; ui/story.py and ui/tour_map.py name the elements it finds):
 *
 * - What a screen reader hears when the story's step changes: the step's announcement,
 *   written hidden into the page, is copied into one live region that lasts as long as
 *   the page (a region made together with its text is not read out).
 * - Where the focus goes when the story's button it was on is disabled (Next at the last
 *   step, Previous at the first): to the other button, not to the page.
 * - On a narrow screen, where the panel comes below the map, a tap on a marker scrolls
 *   the panel's heading into view once the panel shows the tapped place.
 *
 * No data passes through this file: it only moves text the page already holds.
 */
(function () {
  "use strict";
  if (window.gwMapPage) {
    return;
  }
  window.gwMapPage = true;

  const ANNOUNCEMENT = ".st-key-gw-story-announcement";
  const STORY_BUTTONS = { story_previous: "story_next", story_next: "story_previous" };
  const PANEL_HEADING = ".st-key-gw-panel h3";
  const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';
  // Streamlit puts columns one under the other below this width.
  const NARROW = window.matchMedia("(max-width: 640px)");
  // A tap whose panel has not changed by then was not a selection.
  const TAP_WAIT_MS = 20000;

  const live = document.createElement("div");
  live.id = "gw-live";
  live.className = "gw-visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  let announced = "";
  let focusedStoryButton = null;
  let tap = null;

  function storyButton(key) {
    return document.querySelector(`.st-key-${key} button`);
  }

  function storyButtonKey(element) {
    const container = element && element.closest && element.closest("[class*='st-key-story_']");
    if (!container) {
      return null;
    }
    return Object.keys(STORY_BUTTONS).find((key) => container.classList.contains(`st-key-${key}`)) || null;
  }

  function announceStep() {
    const source = document.querySelector(ANNOUNCEMENT);
    // textContent, not innerText: the source is not displayed.
    const text = source ? source.textContent.trim() : "";
    if (text && text !== announced) {
      live.textContent = text;
    }
    announced = text;
  }

  function keepFocus() {
    if (!focusedStoryButton || document.activeElement !== document.body) {
      return;
    }
    const lost = storyButton(focusedStoryButton);
    const other = storyButton(STORY_BUTTONS[focusedStoryButton]);
    if (lost && lost.disabled && other && !other.disabled) {
      other.focus();
    }
  }

  function panelHeadingText() {
    const heading = document.querySelector(PANEL_HEADING);
    return heading ? heading.textContent : "";
  }

  function watchTaps(frame) {
    let inner = null;
    try {
      inner = frame.contentDocument;
    } catch (error) {
      return; // not the app's own frame
    }
    if (!inner || inner.gwTapsWatched) {
      return;
    }
    inner.gwTapsWatched = true;
    const tapped = (event) => {
      if (event.target.closest && event.target.closest("[data-place-id]")) {
        tap = { at: Date.now(), heading: panelHeadingText() };
      }
    };
    inner.addEventListener("click", tapped, true);
    inner.addEventListener(
      "keydown",
      (event) => (event.key === "Enter" || event.key === " ") && tapped(event),
      true
    );
  }

  function followTap() {
    if (!tap) {
      return;
    }
    if (Date.now() - tap.at > TAP_WAIT_MS) {
      tap = null;
      return;
    }
    const heading = document.querySelector(PANEL_HEADING);
    if (heading && heading.textContent !== tap.heading) {
      tap = null;
      if (NARROW.matches) {
        heading.scrollIntoView({ block: "start" });
      }
    }
  }

  document.addEventListener("focusin", (event) => {
    focusedStoryButton = storyButtonKey(event.target);
  });

  let queued = false;
  function update() {
    queued = false;
    document.querySelectorAll(MAP_FRAME).forEach(watchTaps);
    announceStep();
    keepFocus();
    followTap();
  }
  const observer = new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["disabled"] });
  // A frame's document is replaced when it loads: watch the new one.
  document.addEventListener("load", update, true);
  update();
})();
