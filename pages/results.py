"""Results: trait scores, ranked roles with reasons, categories, culture, next steps, downloads."""

import json
from urllib.parse import urlencode, urlsplit

import streamlit as st

from pages.lib import charts
from pages.lib.common import (
    COHORT_KEY,
    KIOSK_KEY,
    LANG_KEY,
    PAGE_FILES,
    content,
    engine,
    go,
    kiosk,
    lang,
    link_params,
    set_param,
    show_chart,
    t,
)
from pages.lib.report import build_report, qr_png
from scoring import (
    TokenError,
    band,
    culture_alignment,
    decode_answers,
    encode_answers,
    match_jobs,
    rank_categories,
    result_record,
    result_table,
    score_answers,
    to_csv_bytes,
)
from storage import StorageError, save_response

PREVIOUS, SAVED = "results.previous", "results.saved"
bank, overview = content().bank, content().overview
L = lang()

# whose answers: a shared link carries them; otherwise this session's quiz
link_token = st.query_params.get("a")
answers = None
if link_token:
    try:
        answers = decode_answers(link_token, bank)
    except TokenError as problem:
        st.title(t("results.title"))
        st.warning(
            t("token.other_version" if problem.reason == "other_version" else "token.invalid"),
            icon=":material/link_off:",
        )
        if st.button(t("results.start_quiz"), type="primary", key="results.fresh"):
            st.session_state.pop("quiz.answers", None)
            go("quiz")
        st.stop()
else:
    answers = st.session_state.get("quiz.answers") or {}
if kiosk():  # on a shared laptop nothing personal goes into the address bar or its history
    link_token = None
    answers = st.session_state.get("quiz.answers") or {}

missing = [item.id for item in bank.items if item.id not in answers]
if missing:
    st.title(t("results.title"))
    st.info(t("results.incomplete", answered=len(answers), total=len(bank.items)), icon=":material/pending:")
    if st.button(t("results.continue_quiz"), type="primary", key="results.continue"):
        st.session_state["quiz.answers"] = dict(answers)
        go("quiz", **({"a": encode_answers(answers, bank)} if answers else {}))
    st.stop()

token = encode_answers(answers, bank)
if not kiosk():
    set_param("a", token)
scores = score_answers(answers, bank)
matches = match_jobs(scores, bank)
categories = rank_categories(matches, bank)
best = matches[0]

# headline
st.title(t("results.title"))
st.success(
    t("results.headline", category=best.category.name(L), role=best.role.name(L), fit=f"{best.fit:.0f}"),
    icon=":material/explore:",
)
st.caption(t("results.disclaimer"))

# five traits
st.header(t("results.traits_title"))
trait_data = charts.trait_frame(scores, bank, L)
show_chart(charts.trait_chart(trait_data, bank, L))
with st.expander(t("results.as_table")):
    st.dataframe(
        trait_data[["name", "score"]].rename(columns={"name": t("results.col_trait"), "score": t("results.col_score")}),
        hide_index=True,
        width="stretch",
    )
for trait in bank.traits:
    level = band(scores[trait.id])
    reading = {"high": trait.high(L), "low": trait.low(L), "middle": t("results.band_middle")}[level]
    st.markdown(f"**{trait.name(L)} — {scores[trait.id]:.0f}** ({t('results.band_' + level + '_label')})  \n{reading}")

# top three roles, explained
st.header(t("results.top_roles_title"))
for rank, match in enumerate(matches[:3], start=1):
    with st.container(border=True):
        st.subheader(t("results.role_heading", rank=rank, role=match.role.name(L), fit=f"{match.fit:.0f}"))
        st.caption(f"{match.category.name(L)} · {match.role.description(L)}")
        st.markdown(f"**{t('results.why_fits')}**")
        if match.strengths:
            for trait_id in match.strengths:
                st.markdown(
                    t(
                        "results.why_line",
                        trait=bank.trait(trait_id).short(L),
                        score=f"{scores[trait_id]:.0f}",
                        reason=match.role.weights[trait_id].why(L),
                    )
                )
        else:
            st.markdown(t("results.no_strength"))
        st.markdown(f"**{t('results.what_to_grow')}**")
        if match.growth_areas:
            for trait_id in match.growth_areas:
                trait = bank.trait(trait_id)
                st.markdown(
                    t("results.grow_line", trait=trait.short(L), score=f"{scores[trait_id]:.0f}", tip=trait.grow[0](L))
                )
        else:
            st.markdown(t("results.no_growth"))
        st.markdown(f"**{t('role.first_step')}**  \n{match.role.first_step(L)}")

# every role, with what each trait contributes
st.header(t("results.all_roles_title"))
st.caption(t("results.all_roles_caption"))
contribution_data = charts.contributions_frame(matches, bank, L)
show_chart(charts.contributions_chart(contribution_data, bank, L, t("results.fit_axis")))
with st.expander(t("results.as_table")):
    labels = ("#", t("results.col_role"), t("results.col_fit"))
    st.dataframe(charts.contributions_table(matches, bank, L, labels), hide_index=True, width="stretch")

# categories
st.header(t("results.categories_title"))
for rank, entry in enumerate(categories, start=1):
    st.progress(
        entry.fit / 100,
        text=t(
            "results.category_line",
            rank=rank,
            category=entry.category.name(L),
            fit=f"{entry.fit:.0f}",
            role=entry.best_role.name(L),
        ),
    )

# culture
st.header(t("results.culture_title"))
st.caption(t("results.culture_caption"))
for column, fit in zip(st.columns(2) * 2, culture_alignment(scores, overview), strict=True):
    with column.container(border=True):
        st.markdown(f"**{fit.culture.name(L)}** — {fit.score:.0f}")
        st.write(
            t(
                f"results.culture_{band(fit.score)}",
                traits=" / ".join(bank.trait(x).short(L) for x in fit.culture.traits),
            )
        )

# next steps
st.header(t("results.next_title"))
weakest = min(bank.traits, key=lambda trait: scores[trait.id])
st.markdown(f"**{t('results.next_learn')}**")
for tip in weakest.grow:
    st.markdown(f"- {tip(L)} ({weakest.short(L)})")
st.markdown(f"**{t('results.next_companies', category=best.category.name(L))}**")
for company_id in best.category.companies:
    company = overview.company(company_id)
    st.markdown(f"- **{company.name(L)}** — {company.points[0](L)}")
st.page_link("pages/overview.py", label=t("results.to_overview"), icon=":material/menu_book:", query_params={"lang": L})

# compare with the previous attempt
previous = st.session_state.get(PREVIOUS)
if previous and previous.get("token") != token:
    st.header(t("results.compare_title"))
    labels = (t("results.attempt_previous"), t("results.attempt_current"))
    compare_data = charts.compare_frame(scores, previous["scores"], bank, L, labels)
    show_chart(charts.compare_chart(compare_data, bank, L))
    with st.expander(t("results.as_table")):
        st.dataframe(
            compare_data.pivot(index="trait", columns="attempt", values="score").reset_index(),
            hide_index=True,
            width="stretch",
        )

# consented storage
st.header(t("results.save_title"))
saved = st.session_state.setdefault(SAVED, {})
if token in saved:
    st.success(t("results.saved"), icon=":material/check_circle:")
    st.code(saved[token], language=None)
    st.caption(t("results.deletion_hint"))
else:
    st.markdown(t("results.save_body"))
    consent = st.checkbox(t("results.consent"), key="results.consent")
    if st.button(t("results.save"), disabled=not consent, key="results.save", icon=":material/save:"):
        cohort = st.session_state.get(COHORT_KEY)
        try:
            saved[token] = save_response(
                engine(),
                answers=answers,
                scores=scores,
                bank_version=bank.version,
                lang=L,
                top_role=best.role.id,
                top_category=best.category.id,
                cohort_id=cohort["id"] if cohort else None,
            )
        except StorageError:
            st.warning(t("results.save_failed"), icon=":material/cloud_off:")
        else:
            st.rerun()

# share, download, retake
st.header(t("results.keep_title"))
parts = urlsplit(st.context.url or "http://localhost:8501/")
share_link = f"{parts.scheme}://{parts.netloc}/results?{urlencode({'lang': L, 'a': token})}"
if kiosk():
    # a shared laptop: take the result away on your phone, leave no files behind
    st.markdown(t("results.kiosk_share"))
    st.image(qr_png(share_link), width=220)
else:
    st.markdown(t("results.share_hint"))
    st.code(share_link, language=None, wrap_lines=True)
    record = result_record(answers, bank, L)
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
            data=lambda: build_report(answers, bank, overview, content().strings, L),
            file_name="bpo-career-fit-report.html",
            mime="text/html",
            icon=":material/print:",
            on_click="ignore",
            key="results.report",
        )
    st.caption(t("results.report_hint"))

with st.container(horizontal=True):
    if st.button(t("results.retake"), icon=":material/replay:", key="results.retake"):
        st.session_state[PREVIOUS] = {"token": token, "scores": scores}
        for key in ("quiz.answers", "quiz.screen", "quiz.tokens"):
            st.session_state.pop(key, None)
        go("quiz")
    if kiosk() and st.button(
        t("results.next_person"), type="primary", icon=":material/person_add:", key="results.next_person"
    ):
        # wipe everything this person left in the session; keep only the kiosk's own settings
        keep = {key: st.session_state.get(key) for key in (LANG_KEY, KIOSK_KEY, COHORT_KEY)}
        params = link_params()
        st.session_state.clear()
        st.session_state.update({key: value for key, value in keep.items() if value is not None})
        st.switch_page(PAGE_FILES["home"], query_params=params)
