"""Drawing charts, tables and the share buttons the same way on every page."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import TypeVar

import pandas as pd
import streamlit as st

__all__ = [
    "chart_spec",
    "chart_template",
    "show_chart",
    "remembered",
    "show_table",
    "show_text_table",
    "share_buttons",
    "scroll_to_top",
    "scroll_to_element",
    "idle_reset",
]

T = TypeVar("T")


def chart_spec(chart) -> dict:
    """An Altair chart's Vega-Lite spec, serialised without re-validating it against the schema (most
    of a chart's cost); ``tests/test_charts.py`` validates each chart."""
    return chart.to_dict(validate=False)


@st.cache_resource(show_spinner=False, max_entries=64)
def chart_template(name: str, lang: str, version: str, _build: Callable[[], object]) -> dict:
    """The spec of the chart ``_build()`` draws on ``ui.charts.template_data()``, built once per ``name``,
    language and question-set ``version`` (its labels and colours come from the content) and shared by
    every visitor: it holds no one's data (``ui.charts.with_rows`` adds it)."""
    return chart_spec(_build())


def show_chart(chart) -> None:
    """Draw an Altair chart, or a spec made by :func:`chart_spec`."""
    st.vega_lite_chart(chart if isinstance(chart, dict) else chart_spec(chart), width="stretch")


def remembered(name: str, inputs: tuple, build: Callable[[], T]) -> T:
    """``build()`` once for these ``inputs``, kept in this session only (results hold a person's answers,
    so never in a cache shared by all users). A rerun of the same page - ticking the consent box,
    saving, opening a section - shows the same charts and QR code without building them again;
    one value per ``name``, so the memory a session holds does not grow."""
    memo = st.session_state.setdefault("app.memo", {})
    if name in memo and memo[name][0] == inputs:
        return memo[name][1]
    value = build()
    memo[name] = (inputs, value)
    return value


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """A read-only table without the index, as wide as the page (scrolls inside itself when long)."""
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)


def show_text_table(frame: pd.DataFrame) -> None:
    """A short table for reading rather than sorting: every row shown, text wrapping inside its cell
    (so nothing is cut off on a phone), numbers as given."""
    st.table(frame, hide_index=True, border="horizontal")


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


def share_buttons(
    link: str, copy_label: str, copied_label: str, share_label: str | None = None, title: str = ""
) -> None:
    """A copy button that works on touch screens, and (with ``share_label``) the phone's own share
    sheet where the browser offers one (Web Share API). Everything in it is escaped; ``link`` is the
    app's own link or code."""
    data = escape(json.dumps({"link": link, "copied": copied_label, "title": title}, ensure_ascii=False))
    share = (
        f'<button type="button" class="bcf-button" data-bcf-share hidden>{escape(share_label)}</button>'
        if share_label
        else ""
    )
    st.html(
        f"""<div class="bcf-share" data-bcf="{data}">
  <button type="button" class="bcf-button" data-bcf-copy>{escape(copy_label)}</button>
  {share}
  <span class="bcf-status" role="status" aria-live="polite"></span>
</div>{_SHARE_SCRIPT}""",
        unsafe_allow_javascript=True,
    )


def scroll_to_top(marker: object, settle_ms: int = 0) -> None:
    """Bring the top of the page (title and progress) into view and move the keyboard focus there,
    after Next or Back replaced the questions or a result opened. ``marker`` (e.g. the screen number)
    makes each call's HTML differ from the last, so the browser runs it again.

    For ``settle_ms`` after that, the page is put back at the top while content below still renders
    (unless the person scrolls or touches it first). For 450 ms the new questions ignore taps: a
    second tap meant for Next must not answer the question that moved under the finger.
    """
    st.html(
        f"""<span hidden data-bcf-top="{escape(str(marker))}"></span><script>
(() => {{
  const main = document.querySelector('[data-testid="stMain"]');
  const toTop = () => {{
    for (const el of [document.scrollingElement, main, document.querySelector('[data-testid="stAppViewContainer"]')]) {{
      if (el) el.scrollTop = 0;
    }}
  }};
  let touched = false;
  for (const kind of ["wheel", "touchstart", "keydown", "mousedown"]) {{
    window.addEventListener(kind, () => {{ touched = true; }}, {{ once: true, passive: true }});
  }}
  toTop();
  for (let ms = 100; ms <= {int(settle_ms)}; ms += 100) setTimeout(() => {{ if (!touched) toTop(); }}, ms);
  const title = document.querySelector("h1");
  if (title) {{ title.setAttribute("tabindex", "-1"); title.focus({{ preventScroll: true }}); }}
  if (main) {{
    main.classList.add("bcf-settling");
    setTimeout(() => main.classList.remove("bcf-settling"), 450);
  }}
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def scroll_to_element(key: str, marker: object) -> None:
    """Bring the element made with ``key=key`` to the middle of the screen (e.g. the first question
    still to answer). ``marker`` makes repeated calls differ, as in :func:`scroll_to_top`."""
    selector = json.dumps(".st-key-" + key)
    st.html(
        f"""<span hidden data-bcf-to="{escape(str(marker))}"></span><script>
(() => {{
  const target = document.querySelector({selector});
  if (target) target.scrollIntoView({{ block: "center", behavior: "smooth" }});
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def idle_reset(seconds: float, url: str) -> None:
    """After ``seconds`` without a tap, click, key or scroll, open ``url`` (a fresh start for the next
    person on a shared laptop: a new page load is a new session, nothing of the last one is kept).
    Only once someone has used the page: a kiosk nobody touched since it loaded stays as it is."""
    settings = json.dumps({"ms": int(seconds * 1000), "url": url})
    st.html(
        f"""<script>
(() => {{
  const settings = {settings};
  const state = window.__bcfIdle || (window.__bcfIdle = {{ timer: null, listening: false }});
  state.settings = settings;
  const arm = () => {{
    clearTimeout(state.timer);
    state.timer = setTimeout(() => window.location.assign(state.settings.url), state.settings.ms);
  }};
  if (!state.listening) {{
    for (const kind of ["pointerdown", "keydown", "touchstart", "wheel", "scroll"]) {{
      window.addEventListener(kind, arm, {{ passive: true, capture: true }});
    }}
    state.listening = true;
  }}
}})();
</script>""",
        unsafe_allow_javascript=True,
    )
