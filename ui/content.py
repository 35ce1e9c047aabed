"""Everything in ``data/``, validated once per process and shared by every session.

``st.cache_resource`` holds the loaded content: it is the same for every visitor and contains
nothing personal.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from scoring import Bank, Overview, Strings, load_bank, load_overview, load_strings

__all__ = ["Content", "content"]


@dataclass(frozen=True)
class Content:
    bank: Bank
    overview: Overview
    strings: Strings


@st.cache_resource(show_spinner=False)
def _load_content() -> Content:
    bank = load_bank()
    return Content(bank=bank, overview=load_overview(bank=bank), strings=load_strings())


_loaded: list[Content] = []


def content() -> Content:
    """The validated content. A page calls this dozens of times per rerun, so the cached object is
    also kept in a module variable: a list lookup is far cheaper than the cache's bookkeeping."""
    if not _loaded:
        _loaded.append(_load_content())
    return _loaded[0]
