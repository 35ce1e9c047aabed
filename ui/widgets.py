"""Drawing charts, tables and the share buttons the same way on every page."""

from __future__ import annotations

import json
from html import escape

import pandas as pd
import streamlit as st

__all__ = ["show_chart", "show_table", "share_buttons", "scroll_to_top"]


def show_chart(chart) -> None:
    """Draw an Altair chart. Its spec is serialised without re-validating it against the Vega-Lite
    schema on every rerun (most of a chart's cost); ``tests/test_charts.py`` validates each chart."""
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch")


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """A read-only table without the index, as wide as the page."""
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)


_SHARE_SCRIPT = """
<script>
(() => {
  document.querySelectorAll("[data-bcf-share]").forEach((b) => { b.hidden = !navigator.share; });
  if (window.__bcfShareReady) return;
  window.__bcfShareReady = true;
  const say = (button, text) => {
    const status = button.parentElement.querySelector(".bcf-status");
    if (status) { status.textContent = text; setTimeout(() => { status.textContent = ""; }, 4000); }
  };
  const fallbackCopy = (text) => {
    const area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-bcf-copy],[data-bcf-share]");
    if (!button) return;
    const data = JSON.parse(button.parentElement.dataset.bcf);
    if (button.hasAttribute("data-bcf-copy")) {
      try { await navigator.clipboard.writeText(data.link); } catch (e) { fallbackCopy(data.link); }
      say(button, data.copied);
    } else {
      try { await navigator.share({ title: data.title, url: data.link }); } catch (e) { /* closed by the user */ }
    }
  });
})();
</script>
"""


def share_buttons(link: str, copy_label: str, copied_label: str, share_label: str, title: str) -> None:
    """A copy button that works on touch screens, and the phone's own share sheet where the browser
    offers one (Web Share API). Everything in it is escaped; the link is the app's own."""
    data = escape(json.dumps({"link": link, "copied": copied_label, "title": title}, ensure_ascii=False))
    st.html(
        f"""<div class="bcf-share" data-bcf="{data}">
  <button type="button" class="bcf-button" data-bcf-copy>{escape(copy_label)}</button>
  <button type="button" class="bcf-button" data-bcf-share hidden>{escape(share_label)}</button>
  <span class="bcf-status" role="status" aria-live="polite"></span>
</div>{_SHARE_SCRIPT}""",
        unsafe_allow_javascript=True,
    )


def scroll_to_top(marker: int) -> None:
    """Bring the top of the page (title and progress) into view and move the keyboard focus there,
    after Next or Back replaced the questions. ``marker`` (e.g. the screen number) makes each call's
    HTML differ from the last, so the browser runs it again."""
    st.html(
        f"""<span hidden data-bcf-top="{int(marker)}"></span><script>
(() => {{
  const title = document.querySelector("h1");
  for (const el of [document.scrollingElement, ...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]) {{
    if (el) el.scrollTop = 0;
  }}
  if (title) {{ title.setAttribute("tabindex", "-1"); title.focus({{ preventScroll: true }}); }}
}})();
</script>""",
        unsafe_allow_javascript=True,
    )
