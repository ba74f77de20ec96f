"""Streamlit glue shared by the pages: cached loading, the sidebar, URL state.

Everything here is thin: the logic it calls lives in the ``goodwill`` domain package.
"""
