"""The performance benchmark of the dashboard (issue 6): ``python -m bench``."""
