"""Where the tests' archives say the dashboard is, and the day they were made."""

import datetime as dt

#: A dashboard's address, as the Sources & data page knows it from the browser.
ARCHIVE_APP = "https://maps.example.org"
ARCHIVE_DAY = dt.date(2026, 11, 29)
