"""The product's look on top of Streamlit's theme: phone-first quiz options, headings that break at
phrase boundaries, and the document language for screen readers and Japanese line breaking.

The CSS holds no user data (only an interface string from data/ui.yaml, quoted as a CSS string); the only
value placed in the script is the language code, from a fixed list.
"""

from __future__ import annotations

import json

import streamlit as st

from scoring import LANGS

__all__ = ["apply_style"]

_CSS = """
<style>
/* headings break between phrases, not inside words (needs the document language, set below) */
h1, h2, h3, h4, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"] { word-break: auto-phrase; overflow-wrap: anywhere; }
/* the title takes the focus after Next (for screen readers); no ring for that programmatic focus */
h1[tabindex="-1"]:focus { outline: none; }
/* quiz options: five equal columns on wide screens (the scale reads left to right on one line),
   one full-width row each on phones */
.stRadio [data-testid="stRadioOption"] { min-height: 44px; align-items: center; }
@media (min-width: 641px) {
  .stRadio [data-testid="stRadioGroup"][aria-orientation="horizontal"] {
    display: grid !important; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr); gap: 0.5rem; }
  .stRadio [data-testid="stRadioGroup"][aria-orientation="horizontal"] > div { margin: 0 !important; }
  .stRadio [data-testid="stRadioGroup"][aria-orientation="horizontal"] [data-testid="stRadioOption"] {
    margin: 0 !important; align-items: flex-start; }
}
/* a moment after a new screen appears, its options ignore taps (see ui.widgets.scroll_to_top) */
.bcf-settling .stRadio { pointer-events: none; }
/* the page does not slide down while sections below it render */
[data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow-anchor: none; }
/* the chart and table toolbars (download, fullscreen, "copy Vega-Lite spec") are developer tools */
[data-testid="stElementToolbar"] { display: none !important; }
.stRadio [data-testid="stRadioOption"] p { font-size: 1rem; }
.stRadio [data-testid="stWidgetLabel"] p { font-size: 1.05rem; line-height: 1.55; }
@media (max-width: 640px) {
  h2 { font-size: 1.45rem !important; }
  h3 { font-size: 1.2rem !important; }
  .stRadio [data-testid="stRadioGroup"] { flex-direction: column !important; align-items: stretch !important; gap: 0.5rem !important; }
  .stRadio [data-testid="stRadioGroup"] > div { width: 100%; margin: 0 !important; }
  .stRadio [data-testid="stRadioOption"] { width: 100%; box-sizing: border-box; min-height: 48px; margin: 0 !important;
    padding: 0.55rem 0.75rem; border: 1px solid #c5cfdc; border-radius: 0.6rem; background: #fff; }
  .stRadio [data-testid="stRadioOption"]:has(input:checked) { border-color: #0B5FA5; background: #EAF2FB; }
  .stRadio [data-testid="stRadioOption"] p { font-size: 16px; line-height: 1.45; }
  .stRadio [data-testid="stWidgetLabel"] p { font-size: 17px; }
  .st-key-quiz-buttons button { min-height: 48px; padding-left: 1.25rem; padding-right: 1.25rem; }
  /* everything a thumb taps is at least 44 px high */
  [data-testid="stExpander"] summary, [data-testid="stPageLink"] a, .st-key-app-chrome button,
  [data-testid="stPopover"] button, [data-testid="stDownloadButton"] button, .stButton button { min-height: 44px; }
  h1 { font-size: 1.6rem !important; }
  /* less empty space above the title: the header row is slim on a phone */
  [data-testid="stMainBlockContainer"] { padding-top: 4rem !important; }
}
/* the verdict's role name is the largest text of the result */
.st-key-results-summary h3 { font-size: 1.75rem !important; line-height: 1.3; }
/* table cells break between phrases, not inside words */
[data-testid="stTable"] td, [data-testid="stTable"] th { word-break: auto-phrase; overflow-wrap: anywhere; }
/* the share buttons (ui.widgets.share_buttons) look like Streamlit's own buttons */
.bcf-share { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.bcf-button { min-height: 44px; padding: 0.4rem 1rem; border-radius: 0.5rem; border: 1px solid #c5cfdc;
  background: #fff; color: #1A1A1A; font: inherit; cursor: pointer; }
.bcf-button:hover, .bcf-button:focus-visible { border-color: #0B5FA5; color: #0B5FA5; }
.bcf-status { color: #1e6b34; font-size: 0.9rem; }
</style>
"""


def _uploader_css(upload_label: str) -> str:
    """Streamlit's file uploader speaks English ("Upload", "200MB per file"): show the page's own words
    on its button and leave the limits to the page's caption (which states them in the page's language)."""
    label = json.dumps(upload_label.replace("\n", " "), ensure_ascii=False)  # a valid CSS string too
    return f"""<style>
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {label}; font-size: 1rem; }}
</style>"""


def apply_style(lang: str, upload_label: str) -> None:
    """Add the stylesheet and tell the browser which language the page is in."""
    code = lang if lang in LANGS else "ja"
    st.html(
        _CSS + _uploader_css(upload_label) + f'<script>document.documentElement.lang = "{code}";</script>',
        unsafe_allow_javascript=True,
    )
