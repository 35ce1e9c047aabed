"""A printable one-page (A4) HTML report with the charts embedded as SVG.

The browser renders the Japanese text with the reader's own fonts, so it prints correctly on any
machine; the charts are the same Altair charts the Results page shows, rendered to SVG by
vl-convert. Every text is escaped: nothing in the report is interpreted as HTML.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape

import segno
import vl_convert

from scoring import Bank, Overview, Strings, band, match_jobs, score_answers
from ui import charts

REPORT_ROLES = 6

_CSS = """
@page { size: A4; margin: 11mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif; color: #1a1a1a;
       font-size: 9.5pt; line-height: 1.45; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #ccc; }
.meta { color: #555; font-size: 8.5pt; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; align-items: start; }
table { border-collapse: collapse; width: 100%; } td, th { padding: 0.6mm 1.5mm; text-align: left;
        border-bottom: 1px solid #eee; vertical-align: top; } th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.role { break-inside: avoid; margin-bottom: 2mm; } .role b { font-size: 10pt; }
svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 8pt; margin-top: 3mm; }
@media screen { body { padding: 10mm; } }
"""


def _svg(chart) -> str:
    return vl_convert.vegalite_to_svg(chart.to_dict())


def build_report(answers: dict, bank: Bank, overview: Overview, strings: Strings, lang: str) -> bytes:
    """The report for one complete set of answers, as UTF-8 HTML bytes."""
    t = lambda key, **values: escape(strings(key, lang, **values))  # noqa: E731
    scores = score_answers(answers, bank)
    matches = match_jobs(scores, bank)
    best = matches[0]

    trait_svg = _svg(charts.trait_chart(charts.trait_frame(scores, bank, lang), bank, lang).properties(width=300))
    contributions = charts.contributions_frame(matches[:REPORT_ROLES], bank, lang)
    roles_svg = _svg(
        charts.contributions_chart(contributions, bank, lang, strings("results.fit_axis", lang)).properties(width=300)
    )

    trait_rows = "".join(
        f"<tr><th>{escape(trait.name(lang))}</th><td class='num'>{scores[trait.id]:.0f}</td>"
        f"<td>{t(f'results.band_{band(scores[trait.id])}_label')}</td></tr>"
        for trait in bank.traits
    )
    role_blocks = []
    for rank, match in enumerate(matches[:3], start=1):
        why = t("app.list_separator").join(escape(bank.trait(x).short(lang)) for x in match.strengths)
        grow = [escape(bank.trait(x).grow[0](lang)) for x in match.growth_areas]
        role_blocks.append(
            f"<div class='role'><b>{rank}. {escape(match.role.name(lang))}</b> — "
            f"{t('results.col_fit')} {match.fit:.0f} · {escape(match.category.name(lang))}<br>"
            f"{t('results.why_fits')}: {why or t('results.no_strength')}<br>"
            f"{t('results.what_to_grow')}: {' / '.join(grow) or t('results.no_growth')}<br>"
            f"{t('role.first_step')}: {escape(match.role.first_step(lang))}</div>"
        )
    companies = ", ".join(escape(overview.company(c).name(lang)) for c in best.category.companies)

    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{t("report.title")}</title><style>{_CSS}</style></head>
<body>
<h1>{t("report.title")}</h1>
<div class="meta">{t("report.meta", date=dt.date.today().isoformat(), version=bank.version)}</div>
<p>{t("results.headline", category=best.category.name(lang), role=best.role.name(lang), fit=f"{best.fit:.0f}")}</p>
<div class="grid">
  <section><h2>{t("results.traits_title")}</h2>{trait_svg}<table>{trait_rows}</table></section>
  <section><h2>{t("results.all_roles_title")}</h2>{roles_svg}</section>
</div>
<h2>{t("results.top_roles_title")}</h2>
{"".join(role_blocks)}
<h2>{t("results.next_title")}</h2>
<p>{t("results.next_companies", category=best.category.name(lang))} {companies}</p>
<p class="note">{t("results.disclaimer")} {t("report.print_hint")}</p>
</body></html>"""
    return html.encode("utf-8")


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code for ``url`` as PNG bytes (for join links and kiosk take-away links)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
