// The copy and print buttons of the Share menu, the quotes and the citations
// (ui/publish.py). Loaded by every such control, it listens once, on the document, so a
// button drawn later (Streamlit redraws them at every run) works without a script of its
// own. A button's text to copy is its data-gw-copy attribute; a relative link there is
// made absolute against the page's address, in the button and in the field beside it.
(function () {
    "use strict";
    if (window.gwPublish) {
        window.gwPublish.absolutize();
        return;
    }

    function absolute(text) {
        return text.startsWith("/") ? new URL(text, document.baseURI).href : text;
    }

    function absolutize() {
        document.querySelectorAll(".gw-copy").forEach(function (control) {
            const button = control.querySelector("[data-gw-copy]");
            const field = control.querySelector("input.gw-copy__text");
            if (!button) {
                return; // being redrawn by Streamlit
            }
            const text = absolute(button.dataset.gwCopy);
            button.dataset.gwCopy = text;
            if (field) {
                field.value = text;
            }
        });
    }

    // Copy with the Clipboard API where the page may (https, or localhost); else select
    // the shown text and copy it the old way; else leave it selected for Ctrl+C.
    async function copy(text, field) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch (error) {
            if (!field) {
                return false;
            }
            field.focus();
            if (field.select) {
                field.select();
            } else {
                window.getSelection().selectAllChildren(field);
            }
            return document.execCommand("copy");
        }
    }

    function say(status, message) {
        // Emptied first, so that saying the same word again is announced again.
        status.textContent = "";
        window.setTimeout(function () {
            status.textContent = message;
        }, 50);
    }

    document.addEventListener("click", async function (event) {
        const printer = event.target.closest("[data-gw-print]");
        if (printer) {
            window.print();
            return;
        }
        const button = event.target.closest("[data-gw-copy]");
        if (!button) {
            return;
        }
        const control = button.closest(".gw-copy");
        const status = control.querySelector(".gw-copy__status");
        const copied = await copy(absolute(button.dataset.gwCopy), control.querySelector(".gw-copy__text"));
        say(status, copied ? status.dataset.copied : status.dataset.failed);
    });

    window.gwPublish = {absolutize: absolutize};
    absolutize();
})();
