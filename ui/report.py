"""A printable report (one A4 page) that also reads well on a phone, with the charts embedded as SVG.

The browser renders the text with the reader's own fonts, so it prints correctly on any machine; the
charts are the Results page's own Altair charts, rendered to SVG by vl-convert. Every text is escaped:
nothing in the report is interpreted as HTML. No streamlit here.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape

import segno
import vl_convert

from scoring import Bank, Result, Strings, band, fit_band
from ui import charts

REPORT_ROLES = 5

_CSS = """
@page { size: A4; margin: 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: 'Noto Sans JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif; color: #1a1a1a;
       font-size: 16px; line-height: 1.6; margin: 0 auto; max-width: 760px; padding: 16px; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: 0 0 4px; word-break: auto-phrase; }
h2 { font-size: 1.1rem; margin: 18px 0 6px; padding-bottom: 2px; border-bottom: 1px solid #ccc; word-break: auto-phrase; }
.meta { color: #555; font-size: 0.85rem; }
.verdict { border: 2px solid #0B5FA5; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.verdict p { margin: 4px 0; } .verdict .badge { color: #0B5FA5; font-weight: 600; font-size: 0.9rem; }
.verdict .head { font-size: 1.2rem; }
.grid { display: grid; grid-template-columns: 1fr; gap: 8px; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 3px 6px; text-align: left; border-bottom: 1px solid #eee; vertical-align: top; }
th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.role { break-inside: avoid; margin-bottom: 6px; }
svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 0.8rem; margin-top: 12px; }
@media (min-width: 700px) { .grid { grid-template-columns: 1fr 1fr; } }
@media print {
  body { font-size: 9pt; line-height: 1.4; padding: 0; max-width: none; }
  h1 { font-size: 15pt; } h2 { font-size: 10.5pt; margin: 3mm 0 1mm; }
  .grid { grid-template-columns: 1fr 1fr; gap: 4mm; }
  .verdict { padding: 2mm 3mm; margin: 2mm 0; }
  td, th { padding: 0.4mm 1.5mm; }
  .note { font-size: 7.5pt; }
}
"""


def _svg(chart) -> str:
    return vl_convert.vegalite_to_svg(chart.to_dict())


def build_report(result: Result, bank: Bank, strings: Strings, lang: str) -> bytes:
    """The report for one person's result, as UTF-8 HTML bytes."""
    t = lambda key, **values: escape(strings(key, lang, **values))  # noqa: E731
    sep = strings("app.list_separator", lang)
    trait_svg = _svg(
        charts.score_chart(
            charts.score_frame(result.scores, result.precision.sem, bank, lang, bank.trait_ids), bank, lang
        ).properties(width=320)
    )
    work_svg = _svg(
        charts.score_chart(
            charts.score_frame(result.scores, result.precision.sem, bank, lang, bank.area_ids), bank, lang
        ).properties(width=320)
    )
    rows = "".join(
        f"<tr><th>{escape(bank.scale(s).name(lang))}</th><td class='num'>{result.scores[s]:.0f}</td>"
        f"<td>{t(f'results.band_{band(result.scores[s])}_label')}</td></tr>"
        for s in bank.trait_ids
    )
    roles = "".join(
        f"<div class='role'><b>{rank}. {escape(m.role.name(lang))}</b> {t('results.report_fit', fit=f'{m.fit:.0f}')}"
        f"{t('app.list_separator')}{t(f'results.fit_{fit_band(m.fit)}')}<br>{escape(m.role.first_step(lang))}</div>"
        for rank, m in enumerate(result.matches[:3], start=1)
    )
    companies = sep.join(c.name(lang) for c in result.next_steps.companies)
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t("report.title")}</title><style>{_CSS}</style></head>
<body>
<h1>{t("report.title")}</h1>
<div class="meta">{t("report.meta", date=dt.date.today().isoformat(), version=bank.version)}</div>
<div class="verdict">{_verdict(result, bank, strings, lang)}</div>
<div class="grid">
  <section><h2>{t("results.traits_part")}</h2>{trait_svg}<table>{rows}</table></section>
  <section><h2>{t("results.work_part")}</h2>{work_svg}</section>
</div>
<h2>{t("report.top_roles", n=3)}</h2>
{roles}
<h2>{t("results.next_title")}</h2>
<p>{t("report.companies", category=result.next_steps.category.name(lang), companies=companies)}</p>
<p class="note">{t("results.disclaimer")} {t("report.print_hint")}</p>
</body></html>"""
    return html.encode("utf-8")


def _verdict(result: Result, bank: Bank, strings: Strings, lang: str) -> str:
    t = lambda key, **values: escape(strings(key, lang, **values))  # noqa: E731
    verdict, sep = result.verdict, strings("app.list_separator", lang)
    badge = t(f"results.badge_{verdict.kind}")
    if verdict.kind == "clear":
        head = escape(verdict.roles[0].role.name(lang))
    else:
        head = t(f"results.verdict_{verdict.kind}", n=len(verdict.roles))
    lines = []
    for m in verdict.roles:
        meaning = strings(f"results.fit_{fit_band(m.fit)}", lang)
        line = t("results.fit_line", category=m.category.name(lang), fit=f"{m.fit:.0f}", meaning=meaning)
        name = "" if verdict.kind == "clear" else f"<b>{escape(m.role.name(lang))}</b> "  # a clear one is the heading
        lines.append(f"<p>{name}{line}</p>")
    roles = "".join(lines)
    traits = sep.join(
        strings("results.scored_name", lang, name=bank.trait(x).short(lang), score=f"{result.scores[x]:.0f}")
        for x in verdict.strengths
    )
    strengths = t("results.strengths_line", traits=traits) if traits else t("results.no_strength_line")
    body = t(f"results.verdict_{verdict.kind}_body")
    return f"<p class='badge'>{badge}</p><p class='head'><b>{head}</b></p>{roles}<p>{body}</p><p>{strengths}</p>"


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code for ``url`` as PNG bytes (for join links and take-away links)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
