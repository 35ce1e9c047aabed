"""Helpers shared by the page scripts (kept out of pages/ itself so Streamlit never lists them as pages)."""
