"""Helpers shared by the tests, and by the benchmark in ``bench/``.

Test modules and conftest files import helpers from here, never from one another: a test
module can then change without breaking another, and a conftest holds only fixtures and
hooks.

* ``packages``: edits to a writable copy of the shipped data package, a cell at a time;
* ``apptest``: the app (and one of its pages) run with Streamlit's ``AppTest``;
* ``hostile_text``, ``broken_data``: the corpora of payloads and of broken edits;
* ``server``: a real ``streamlit run`` server on a free loopback port;
* ``browser``: the Chromium that Playwright drives, and waits on what a page shows;
* ``load``: many readers at once, for the load and scale-out tests.
"""
