"""Results: the verdict first, then every detail in clearly named sections below it."""

import json
import secrets
from functools import partial

import pandas as pd
import streamlit as st

from scoring import (
    TokenError,
    band,
    build_result,
    culture_alignment,
    decode_token,
    encode_answers,
    fit_band,
    missing_items,
    result_record,
    result_table,
    to_csv_bytes,
)
from scoring.export import TABLE_COLUMNS
from storage import SaveRefused, StorageError, save_response, submission_key
from ui import charts
from ui.content import content
from ui.database import engine
from ui.i18n import lang, set_param, t
from ui.links import PAGE_FILES, absolute_link, go, link_params
from ui.report import build_report, qr_png
from ui.statistics import precision
from ui.visitor import COHORT_KEY, forget_visitor, kiosk
from ui.widgets import chart_template, remembered, scroll_to_top, share_buttons, show_chart, show_text_table

PREVIOUS, SAVED, SESSION_KEY = "results.previous", "results.saved", "results.session_key"
SHOWN = "results.shown"
# sections built only when opened: their charts, tables, QR code and files are most of the page's work,
# and a phone shows the summary card first anyway
TRAITS_OPEN, ROLES_OPEN, KEEP_OPEN = "results.traits_open", "results.roles_open", "results.keep_open"
bank, overview = content().bank, content().overview


def whose_answers() -> tuple[dict, str, bool] | None:
    """(answers, option-order seed, whether this session took this quiz), or None when a link's
    answers cannot be read (then the page says so). A shared link carries answers; otherwise this
    session's quiz. On a kiosk laptop only the session's own quiz counts."""
    own_answers, own_seed = st.session_state.get("quiz.answers") or {}, st.session_state.get("quiz.seed", "0000")
    token = None if kiosk() else st.query_params.get("a")
    if not token:
        return own_answers, own_seed, True
    try:
        decoded = decode_token(token, bank)
    except TokenError as problem:
        st.warning(t(f"token.{problem.notice}"), icon=":material/link_off:")
        if st.button(t("results.start_quiz"), type="primary", key="results.fresh"):
            st.session_state.pop("quiz.answers", None)
            go("quiz")
        return None
    return decoded.answers, decoded.seed, token in st.session_state.get("quiz.tokens", ())


def not_started() -> None:
    st.info(t("results.not_started", minutes=bank.minutes_needed), icon=":material/quiz:")
    if st.button(t("results.start_quiz"), type="primary", key="results.start"):
        go("quiz")


def not_finished(answers: dict, seed: str) -> None:
    st.info(t("results.incomplete", answered=len(answers), total=len(bank.items)), icon=":material/pending:")
    if st.button(t("results.continue_quiz"), type="primary", key="results.continue"):
        st.session_state["quiz.answers"], st.session_state["quiz.seed"] = dict(answers), seed
        go("quiz", a=encode_answers(answers, bank, seed))


def open_at_the_top(token: str) -> None:
    """A result opens at its verdict, not at the scroll position the quiz left behind."""
    if st.session_state.get(SHOWN) != token:
        st.session_state[SHOWN] = token
        scroll_to_top(token[-8:], settle_ms=1500)


def quality_notice(result, token: str) -> None:
    """A kind word when the answers look careless, right under the verdict, with a way to retake."""
    if not result.flags:
        return
    reasons = "  \n".join(t(f"results.flag_{flag}") for flag in result.flags)
    st.warning(
        f"**{t('results.flag_title')}**  \n{reasons}  \n{t('results.flag_retake')}", icon=":material/rate_review:"
    )
    retake_button(token, result, "results.retake_now")


def retake_button(token: str, result, key: str) -> None:
    if st.button(t("results.retake"), icon=":material/replay:", key=key):
        st.session_state[PREVIOUS] = {"token": token, "scores": result.scores}
        for name in ("quiz.answers", "quiz.screen", "quiz.tokens", "quiz.seconds", "quiz.entered"):
            st.session_state.pop(name, None)
        go("quiz")


BADGES = {"clear": "green", "close": "orange", "no_fit": "gray"}


def scored_names(result, scales) -> str:
    """ "Accuracy 85, Composure 72": names with the scores the trait section shows."""
    names = (
        t("results.scored_name", name=bank.scale(x).short(lang()), score=f"{result.scores[x]:.0f}") for x in scales
    )
    return t("app.list_separator").join(names)


def summary_card(result, token: str) -> None:
    """The first thing on the page: what fits, how clearly, and the one thing to do next."""
    verdict = result.verdict
    with st.container(border=True, key="results-summary"):
        st.badge(t(f"results.badge_{verdict.kind}"), color=BADGES[verdict.kind])
        if verdict.kind == "clear":
            st.subheader(verdict.roles[0].role.name(lang()), anchor=False)
        else:
            st.subheader(t(f"results.verdict_{verdict.kind}", n=len(verdict.roles)), anchor=False)
        for match in verdict.roles:
            if verdict.kind == "close":
                st.markdown(f"**{match.role.name(lang())}**")
            meaning = t(f"results.fit_{fit_band(match.fit)}")
            st.caption(
                t("results.fit_line", category=match.category.name(lang()), fit=f"{match.fit:.0f}", meaning=meaning)
            )
        quality_notice(result, token)
        st.markdown(t(f"results.verdict_{verdict.kind}_body"))
        if verdict.roles:
            top = verdict.roles[0].fit
            st.caption(t("results.fit_explained", fit=f"{top:.0f}", gap=f"{100 - top:.0f}"))
        traits = scored_names(result, verdict.strengths)
        st.markdown(t("results.strengths_line", traits=traits) if traits else t("results.no_strength_line"))
        if verdict.wanted_work:
            st.markdown(t("results.wanted_line", areas=scored_names(result, verdict.wanted_work)))
        main_step(result)


def main_step(result) -> None:
    verdict = result.verdict
    st.divider()
    st.markdown(f"**{t('results.step_title')}**")
    if verdict.next_step == "first_step":
        st.markdown(verdict.roles[0].role.first_step(lang()))
    else:
        st.markdown(t(f"results.step_{verdict.next_step}"))
    st.page_link(
        PAGE_FILES["overview"], label=t("results.to_overview"), icon=":material/menu_book:", query_params=link_params()
    )


def scale_readings(result, scales) -> None:
    for scale_id in scales:
        score, scale = result.scores[scale_id], bank.scale(scale_id)
        level = band(score)
        if scale_id in bank.trait_ids:
            reading = {"high": scale.high(lang()), "low": scale.low(lang()), "middle": t("results.band_middle")}[level]
        else:
            reading = t(f"results.work_{level}")
        label = t(f"results.band_{level}_label") if scale_id in bank.trait_ids else t(f"results.work_{level}_label")
        st.markdown(
            t("results.scale_line", name=scale.name(lang()), score=f"{score:.0f}", label=label, reading=reading)
        )


def score_chart(result, scales) -> tuple[pd.DataFrame, dict]:
    frame = charts.score_frame(result.scores, result.precision.sem, bank, lang(), scales)
    template = chart_template(
        "scores", lang(), bank.version, lambda: charts.score_chart(charts.template_data(), bank, lang())
    )
    return frame, charts.with_rows(template, frame)


def scales_section(result) -> None:
    section = st.expander(t("results.traits_title"), icon=":material/person:", key=TRAITS_OPEN, on_change="rerun")
    with section:
        if not section.open:
            return
        for title, scales in ((t("results.traits_part"), bank.trait_ids), (t("results.work_part"), bank.area_ids)):
            st.markdown(f"**{title}**")
            frame, spec = remembered(
                f"results.chart.{scales[0]}",
                (tuple(result.scores.items()), lang(), tuple(result.precision.sem.items())),
                lambda scales=scales: score_chart(result, scales),
            )
            show_chart(spec)
            shown = frame[["name", "score", "low", "high"]].round({"score": 0, "low": 0, "high": 0})
            show_text_table(
                shown.astype({"score": int, "low": int, "high": int}).rename(
                    columns={
                        "name": t("results.col_scale"),
                        "score": t("results.col_score"),
                        "low": t("results.col_low"),
                        "high": t("results.col_high"),
                    }
                )
            )
            scale_readings(result, scales)
        source = result.precision
        st.caption(t(f"results.band_source_{source.source}", n=source.n))


def role_explained(result, rank: int, match) -> None:
    with st.container(border=True):
        meaning = t(f"results.fit_{fit_band(match.fit)}")
        st.markdown(f"**{t('results.role_heading', rank=rank, role=match.role.name(lang()), fit=f'{match.fit:.0f}')}**")
        st.caption(t("results.role_caption", category=match.category.name(lang()), meaning=meaning))
        st.markdown(match.role.description(lang()))
        for trait_id in match.strengths:
            reason = match.role.why(trait_id)(lang())
            trait, score = bank.trait(trait_id).short(lang()), f"{result.scores[trait_id]:.0f}"
            st.markdown(t("results.why_line", trait=trait, score=score, reason=reason))
        for area_id in match.wanted_work:
            st.markdown(t("results.wanted_work_line", area=bank.area(area_id).name(lang())))
        for trait_id in match.growth_areas:
            trait = bank.trait(trait_id)
            level = f"{match.role.level(trait_id):.0f}"
            score = f"{result.scores[trait_id]:.0f}"
            st.markdown(
                t("results.grow_line", trait=trait.short(lang()), score=score, level=level, tip=trait.grow[0](lang()))
            )
        for area_id in match.unwanted_work:
            st.markdown(t("results.unwanted_work_line", area=bank.area(area_id).name(lang())))
        if not (match.strengths or match.growth_areas or match.wanted_work or match.unwanted_work):
            st.markdown(t("results.balanced_fit"))
        st.markdown(f"**{t('role.first_step')}**  \n{match.role.first_step(lang())}")


def roles_section(result) -> None:
    section = st.expander(t("results.roles_title"), icon=":material/work:", key=ROLES_OPEN, on_change="rerun")
    with section:
        if not section.open:
            return
        st.caption(t("results.roles_caption"))
        for rank, match in enumerate(result.matches[:3], start=1):
            role_explained(result, rank, match)
        st.markdown(f"**{t('results.all_roles_title')}**")
        parts = (t("results.part_traits"), t("results.part_work"))
        show_chart(
            remembered(
                "results.chart.fit",
                (tuple(result.scores.items()), lang()),
                lambda: charts.with_rows(
                    chart_template(
                        "fit",
                        lang(),
                        bank.version,
                        lambda: charts.fit_chart(charts.template_data(), parts, t("results.fit_axis")),
                    ),
                    charts.fit_frame(result.matches, bank, lang(), parts),
                ),
            )
        )
        show_text_table(
            pd.DataFrame(
                {
                    t("results.col_role"): [m.role.name(lang()) for m in result.matches],
                    t("results.col_fit"): [round(m.fit) for m in result.matches],
                    t("results.col_meaning"): [t(f"results.fit_{fit_band(m.fit)}") for m in result.matches],
                    parts[0]: [round(m.trait_match) for m in result.matches],
                    parts[1]: [round(m.work_match) for m in result.matches],
                }
            )
        )


def categories_section(result) -> None:
    with st.expander(t("results.categories_title"), icon=":material/category:"):
        for rank, entry in enumerate(result.categories, start=1):
            line = t(
                "results.category_line",
                rank=rank,
                category=entry.category.name(lang()),
                fit=f"{entry.fit:.0f}",
                role=entry.best_role.name(lang()),
            )
            st.progress(entry.fit / 100, text=line)


def culture_section(result) -> None:
    with st.expander(t("results.culture_title"), icon=":material/diversity_3:"):
        st.caption(t("results.culture_caption"))
        for fit in culture_alignment(result.scores, overview):
            reading = t(
                f"results.culture_{band(fit.score)}",
                traits=scored_names(result, fit.culture.traits),
                score=f"{fit.score:.0f}",
            )
            st.markdown(f"**{fit.culture.name(lang())}**  \n{reading}")


def next_section(result) -> None:
    steps = result.next_steps
    with st.expander(t("results.next_title"), icon=":material/trending_up:"):
        st.markdown(f"**{t('results.next_learn', trait=steps.trait.short(lang()))}**")
        for tip in steps.trait.grow:
            st.markdown(f"- {tip(lang())}")
        st.markdown(f"**{t('results.next_companies', category=steps.category.name(lang()))}**")
        for company in steps.companies:
            st.markdown(t("results.company_line", name=company.name(lang()), point=company.points[0](lang())))


def compare_section(token: str, result) -> None:
    previous = st.session_state.get(PREVIOUS)
    if not previous or previous.get("token") == token:
        return
    with st.expander(t("results.compare_title"), icon=":material/compare_arrows:", expanded=True):
        labels = (t("results.attempt_previous"), t("results.attempt_current"))
        frame = charts.compare_frame(result.scores, previous["scores"], bank, lang(), labels)
        template = chart_template(
            "compare", lang(), bank.version, lambda: charts.compare_chart(charts.template_data(), labels, bank, lang())
        )
        show_chart(charts.with_rows(template, frame))
        table = frame.pivot(index="scale", columns="attempt", values="score").reindex(
            [bank.scale(s).short(lang()) for s in bank.scale_ids]
        )
        show_text_table(table.rename_axis(index=t("results.col_scale"), columns=None).reset_index())


def keep_section(token: str, result) -> None:
    link = absolute_link("results", lang=lang(), a=token)
    section = st.expander(t("results.keep_title"), icon=":material/share:", key=KEEP_OPEN, on_change="rerun")
    with section:
        if not section.open:
            return
        if kiosk():  # a shared laptop: take the result away on your phone, leave no files behind
            st.markdown(t("results.kiosk_share"))
            st.image(remembered("results.qr", (link,), partial(qr_png, link)), width=220)
            return
        st.markdown(t("results.share_hint"))
        share_buttons(link, t("results.copy"), t("results.copied"), t("results.share"), t("app.name"))
        with st.popover(t("results.show_link"), icon=":material/link:"):
            st.code(link, language=None, wrap_lines=True)
        st.image(remembered("results.qr", (link,), partial(qr_png, link)), width=180, caption=t("results.qr_caption"))
        downloads(result)


def downloads(result) -> None:
    record = result_record(result.answers, bank, lang())
    st.download_button(
        t("results.download_report"),
        data=partial(build_report, result, bank, content().strings, lang()),  # built only when asked for
        file_name="bpo-career-fit-report.html",
        mime="text/html",
        icon=":material/print:",
        on_click="ignore",
        key="results.report",
    )
    st.caption(t("results.report_hint"))
    st.download_button(
        t("results.download_csv"),
        data=to_csv_bytes(localized_table(record)),
        file_name="bpo-career-fit.csv",
        mime="text/csv",
        icon=":material/table:",
        on_click="ignore",
        key="results.csv",
    )
    st.download_button(  # a quiet link-like button, not a popover: one at the foot of a page can open off-screen
        t("results.download_json"),
        data=json.dumps(record, ensure_ascii=False, indent=2),
        file_name="bpo-career-fit.json",
        mime="application/json",
        icon=":material/data_object:",
        type="tertiary",
        on_click="ignore",
        key="results.json",
    )


def localized_table(record: dict):
    table = result_table(record)
    table["section"] = table["section"].map(lambda section: t(f"results.section_{section}"))
    return table.rename(columns={name: t(f"results.csv_{name}") for name in TABLE_COLUMNS})


def consent_section(token: str, result, own: bool) -> None:
    with st.expander(t("results.save_title"), icon=":material/save:"):
        saved = st.session_state.setdefault(SAVED, {})
        if token in saved:
            st.success(t("results.saved"), icon=":material/check_circle:")
            st.code(saved[token], language=None)
            share_buttons(saved[token], t("results.copy_code"), t("results.copied_code"))
            st.caption(t("results.deletion_hint"))
            return
        if not own:
            st.info(t("results.save_not_yours"), icon=":material/person_off:")
            return
        st.markdown(t("results.save_body"))
        agreed = st.checkbox(t("results.consent"), key="results.consent")
        if st.button(t("results.save"), disabled=not agreed, key="results.save", icon=":material/save:"):
            store(token, result, saved)


def store(token: str, result, saved: dict) -> None:
    """Save once (the same result from this session is one row), into the cohort only if it is still open."""
    cohort = st.session_state.get(COHORT_KEY)
    session_key = st.session_state.setdefault(SESSION_KEY, secrets.token_hex(16))
    try:
        saved[token] = save_response(
            engine(),
            bank,
            result.answers,
            lang=lang(),
            cohort=(cohort["id"], cohort["code"]) if cohort else None,
            flags=result.flags,
            key=submission_key(session_key, token),
        )
    except SaveRefused as refusal:
        if refusal.reason == "cohort_closed":  # never file it under another group: save without one, if they wish
            st.session_state.pop(COHORT_KEY, None)
            st.query_params.pop("cohort", None)
        st.warning(t(f"results.save_{refusal.reason}"), icon=":material/group_off:")
    except StorageError:
        st.warning(t("results.save_failed"), icon=":material/cloud_off:")
    else:
        st.rerun()


def again(token: str, result) -> None:
    with st.container(horizontal=True):
        retake_button(token, result, "results.retake")
        if kiosk() and st.button(
            t("results.next_person"), type="primary", icon=":material/person_add:", key="results.next_person"
        ):
            forget_visitor()
            go("home")


def result_page(answers: dict, seed: str, own: bool) -> None:
    token = encode_answers(answers, bank, seed)
    if not kiosk():
        set_param("a", token)
    timing = tuple(st.session_state.get("quiz.seconds", {}).values()) if own else ()
    result = build_result(answers, bank, overview, precision(), timing)
    summary_card(result, token)
    st.caption(t("results.disclaimer"))
    scales_section(result)
    roles_section(result)
    categories_section(result)
    culture_section(result)
    next_section(result)
    compare_section(token, result)
    keep_section(token, result)
    consent_section(token, result, own)
    again(token, result)
    open_at_the_top(token)  # last, so it adds no space above anything


st.title(t("results.title"), anchor=False)
if (mine := whose_answers()) is None:
    pass  # the link could not be read: said above
elif not mine[0]:
    not_started()
elif missing_items(mine[0], bank):
    not_finished(mine[0], mine[1])
else:
    result_page(*mine)
