"""Results: trait scores, ranked roles with reasons, categories, culture, next steps, saving, sharing."""

import json

import streamlit as st

from scoring import (
    TokenError,
    band,
    culture_alignment,
    decode_answers,
    encode_answers,
    match_jobs,
    missing_items,
    next_steps,
    rank_categories,
    result_record,
    result_table,
    score_answers,
    to_csv_bytes,
)
from storage import StorageError, save_response
from ui import charts
from ui.content import content
from ui.database import engine
from ui.i18n import lang, set_param, t
from ui.links import PAGE_FILES, absolute_link, go, link_params
from ui.report import build_report, qr_png
from ui.visitor import COHORT_KEY, forget_visitor, kiosk
from ui.widgets import show_chart, show_table

PREVIOUS, SAVED = "results.previous", "results.saved"
bank, overview = content().bank, content().overview


def whose_answers() -> dict:
    """A shared link carries answers; otherwise this session's quiz. On a shared kiosk laptop only
    the session's own quiz counts (nothing personal goes into the address bar)."""
    token = None if kiosk() else st.query_params.get("a")
    if not token:
        return st.session_state.get("quiz.answers") or {}
    try:
        return decode_answers(token, bank)
    except TokenError as problem:
        st.warning(t(f"token.{problem.notice}"), icon=":material/link_off:")
        if st.button(t("results.start_quiz"), type="primary", key="results.fresh"):
            st.session_state.pop("quiz.answers", None)
            go("quiz")
        st.stop()


def not_finished(answers: dict) -> None:
    st.info(t("results.incomplete", answered=len(answers), total=len(bank.items)), icon=":material/pending:")
    if st.button(t("results.continue_quiz"), type="primary", key="results.continue"):
        st.session_state["quiz.answers"] = dict(answers)
        go("quiz", **({"a": encode_answers(answers, bank)} if answers else {}))
    st.stop()


def headline(best) -> None:
    st.success(
        t("results.headline", category=best.category.name(lang()), role=best.role.name(lang()), fit=f"{best.fit:.0f}"),
        icon=":material/explore:",
    )
    st.caption(t("results.disclaimer"))


def traits(scores: dict) -> None:
    st.header(t("results.traits_title"))
    frame = charts.trait_frame(scores, bank, lang())
    show_chart(charts.trait_chart(frame, bank, lang()))
    with st.expander(t("results.as_table")):
        show_table(
            frame[["name", "score"]].rename(columns={"name": t("results.col_trait"), "score": t("results.col_score")})
        )
    for trait in bank.traits:
        level = band(scores[trait.id])
        reading = {"high": trait.high(lang()), "low": trait.low(lang()), "middle": t("results.band_middle")}[level]
        label = t(f"results.band_{level}_label")
        st.markdown(f"**{trait.name(lang())} — {scores[trait.id]:.0f}** ({label})  \n{reading}")


def top_roles(scores: dict, matches: list) -> None:
    st.header(t("results.top_roles_title"))
    for rank, match in enumerate(matches[:3], start=1):
        with st.container(border=True):
            st.subheader(t("results.role_heading", rank=rank, role=match.role.name(lang()), fit=f"{match.fit:.0f}"))
            st.caption(f"{match.category.name(lang())} · {match.role.description(lang())}")
            st.markdown(f"**{t('results.why_fits')}**")
            for trait_id in match.strengths:
                reason = match.role.weights[trait_id].why(lang())
                trait = bank.trait(trait_id).short(lang())
                st.markdown(t("results.why_line", trait=trait, score=f"{scores[trait_id]:.0f}", reason=reason))
            if not match.strengths:
                st.markdown(t("results.no_strength"))
            st.markdown(f"**{t('results.what_to_grow')}**")
            for trait_id in match.growth_areas:
                trait = bank.trait(trait_id)
                tip = trait.grow[0](lang())
                st.markdown(t("results.grow_line", trait=trait.short(lang()), score=f"{scores[trait_id]:.0f}", tip=tip))
            if not match.growth_areas:
                st.markdown(t("results.no_growth"))
            st.markdown(f"**{t('role.first_step')}**  \n{match.role.first_step(lang())}")


def all_roles(matches: list) -> None:
    st.header(t("results.all_roles_title"))
    st.caption(t("results.all_roles_caption"))
    frame = charts.contributions_frame(matches, bank, lang())
    show_chart(charts.contributions_chart(frame, bank, lang(), t("results.fit_axis")))
    with st.expander(t("results.as_table")):
        labels = (t("results.col_rank"), t("results.col_role"), t("results.col_fit"))
        show_table(charts.contributions_table(matches, bank, lang(), labels))


def categories(matches: list) -> None:
    st.header(t("results.categories_title"))
    for rank, entry in enumerate(rank_categories(matches, bank), start=1):
        line = t(
            "results.category_line",
            rank=rank,
            category=entry.category.name(lang()),
            fit=f"{entry.fit:.0f}",
            role=entry.best_role.name(lang()),
        )
        st.progress(entry.fit / 100, text=line)


def culture(scores: dict) -> None:
    st.header(t("results.culture_title"))
    st.caption(t("results.culture_caption"))
    for column, fit in zip(st.columns(2) * 2, culture_alignment(scores, overview), strict=True):
        with column.container(border=True):
            st.markdown(f"**{fit.culture.name(lang())}** — {fit.score:.0f}")
            names = t("app.list_separator").join(bank.trait(x).short(lang()) for x in fit.culture.traits)
            st.write(t(f"results.culture_{band(fit.score)}", traits=names))


def what_next(scores: dict, matches: list) -> None:
    steps = next_steps(scores, matches, bank, overview)
    st.header(t("results.next_title"))
    st.markdown(f"**{t('results.next_learn')}**")
    for tip in steps.trait.grow:
        st.markdown(t("results.tip_line", tip=tip(lang()), trait=steps.trait.short(lang())))
    st.markdown(f"**{t('results.next_companies', category=steps.category.name(lang()))}**")
    for company in steps.companies:
        st.markdown(f"- **{company.name(lang())}** — {company.points[0](lang())}")
    st.page_link(
        PAGE_FILES["overview"], label=t("results.to_overview"), icon=":material/menu_book:", query_params=link_params()
    )


def compare(token: str, scores: dict) -> None:
    previous = st.session_state.get(PREVIOUS)
    if not previous or previous.get("token") == token:
        return
    st.header(t("results.compare_title"))
    labels = (t("results.attempt_previous"), t("results.attempt_current"))
    frame = charts.compare_frame(scores, previous["scores"], bank, lang(), labels)
    show_chart(charts.compare_chart(frame, bank, lang()))
    with st.expander(t("results.as_table")):
        table = frame.pivot(index="trait", columns="attempt", values="score").reset_index()
        show_table(table.rename(columns={"trait": t("results.col_trait")}))


def consent(token: str, answers: dict, scores: dict, best) -> None:
    st.header(t("results.save_title"))
    saved = st.session_state.setdefault(SAVED, {})
    if token in saved:
        st.success(t("results.saved"), icon=":material/check_circle:")
        st.code(saved[token], language=None)
        st.caption(t("results.deletion_hint"))
        return
    st.markdown(t("results.save_body"))
    agreed = st.checkbox(t("results.consent"), key="results.consent")
    if st.button(t("results.save"), disabled=not agreed, key="results.save", icon=":material/save:"):
        cohort = st.session_state.get(COHORT_KEY)
        try:
            saved[token] = save_response(
                engine(),
                answers=answers,
                scores=scores,
                bank_version=bank.version,
                lang=lang(),
                top_role=best.role.id,
                top_category=best.category.id,
                cohort_id=cohort["id"] if cohort else None,
            )
        except StorageError:
            st.warning(t("results.save_failed"), icon=":material/cloud_off:")
        else:
            st.rerun()


def keep(token: str, answers: dict) -> None:
    st.header(t("results.keep_title"))
    link = absolute_link("results", lang=lang(), a=token)
    if kiosk():  # a shared laptop: take the result away on your phone, leave no files behind
        st.markdown(t("results.kiosk_share"))
        st.image(qr_png(link), width=220)
        return
    st.markdown(t("results.share_hint"))
    st.code(link, language=None, wrap_lines=True)
    record = result_record(answers, bank, lang())
    with st.container(horizontal=True):
        st.download_button(
            t("results.download_csv"),
            data=to_csv_bytes(result_table(record)),
            file_name="bpo-career-fit.csv",
            mime="text/csv",
            icon=":material/table:",
            on_click="ignore",
            key="results.csv",
        )
        st.download_button(
            t("results.download_json"),
            data=json.dumps(record, ensure_ascii=False, indent=2),
            file_name="bpo-career-fit.json",
            mime="application/json",
            icon=":material/data_object:",
            on_click="ignore",
            key="results.json",
        )
        st.download_button(
            t("results.download_report"),
            data=lambda chosen=lang(): build_report(answers, bank, overview, content().strings, chosen),
            file_name="bpo-career-fit-report.html",
            mime="text/html",
            icon=":material/print:",
            on_click="ignore",
            key="results.report",
        )
    st.caption(t("results.report_hint"))


def again(token: str, scores: dict) -> None:
    with st.container(horizontal=True):
        if st.button(t("results.retake"), icon=":material/replay:", key="results.retake"):
            st.session_state[PREVIOUS] = {"token": token, "scores": scores}
            for key in ("quiz.answers", "quiz.screen", "quiz.tokens"):
                st.session_state.pop(key, None)
            go("quiz")
        if kiosk() and st.button(
            t("results.next_person"), type="primary", icon=":material/person_add:", key="results.next_person"
        ):
            forget_visitor()
            go("home")


st.title(t("results.title"))
answers = whose_answers()
if missing_items(answers, bank):
    not_finished(answers)
token = encode_answers(answers, bank)
if not kiosk():
    set_param("a", token)
scores = score_answers(answers, bank)
matches = match_jobs(scores, bank)
headline(matches[0])
traits(scores)
top_roles(scores, matches)
all_roles(matches)
categories(matches)
culture(scores)
what_next(scores, matches)
compare(token, scores)
consent(token, answers, scores, matches[0])
keep(token, answers)
again(token, scores)
