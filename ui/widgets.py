"""Drawing charts and tables the same way on every page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

__all__ = ["show_chart", "show_table"]


def show_chart(chart) -> None:
    """Draw an Altair chart. Its spec is serialised without re-validating it against the Vega-Lite
    schema on every rerun (most of a chart's cost); ``tests/test_charts.py`` validates each chart."""
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch")


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """A read-only table without the index, as wide as the page."""
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)
