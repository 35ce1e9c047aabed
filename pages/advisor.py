"""Advisor area: login, cohorts with join links, the cohort dashboard, bulk scoring and the demo.

Everything below the login check is advisor-only; with no password configured the page only
explains how to enable it.
"""

import datetime as dt
import time
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from pages.lib import charts
from pages.lib.common import content, engine, lang, plain, setting, show_chart, t, throttle
from pages.lib.report import qr_png
from scoring import (
    InputFileError,
    item_statistics,
    read_answers,
    score_frame,
    template_frame,
    to_csv_bytes,
    trait_reliability,
)
from scoring.files import MAX_UPLOAD_BYTES
from scoring.reliability import MIN_RESPONSES
from storage import (
    CohortNameError,
    StorageError,
    cohort_export,
    create_cohort,
    delete_cohort,
    fill_demo_cohort,
    list_cohorts,
    responses_frame,
    save_scored_sheet,
)
from storage.guard import password_matches

LOGGED_IN = "advisor.logged_in"
bank = content().bank
L = lang()

st.title(t("advisor.title"))

# ---------------------------------------------------------------- the gate
password = setting("ADVISOR_PASSWORD")
if not password:
    st.info(t("advisor.not_configured"), icon=":material/lock:")
    st.stop()

if not st.session_state.get(LOGGED_IN):
    with st.form("advisor.login"):
        given = st.text_input(t("advisor.password"), type="password", key="advisor.password")
        submitted = st.form_submit_button(t("advisor.login"), icon=":material/login:")
    if submitted:
        guard = throttle()
        time.sleep(guard.delay("login"))  # each wrong try makes the next one wait longer
        if password_matches(given, password):
            guard.succeeded("login")
            st.session_state[LOGGED_IN] = True
            st.rerun()
        guard.failed("login")
        st.error(t("advisor.wrong_password"), icon=":material/block:")
    st.stop()

if st.button(t("advisor.logout"), icon=":material/logout:", key="advisor.logout"):
    st.session_state.pop(LOGGED_IN, None)
    st.rerun()

FLASH = "advisor.flash"
flash_slot = st.empty()  # always present, so the tabs below keep their place on the page
if message := st.session_state.pop(FLASH, None):
    flash_slot.success(message, icon=":material/check_circle:")


def done(message: str) -> None:
    """Show ``message`` after a rerun, so every tab reflects the change just made."""
    st.session_state[FLASH] = message
    st.rerun()


def join_link(code: str) -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/?{urlencode({'lang': L, 'cohort': code})}"


def load_cohorts():
    try:
        return list_cohorts(engine())
    except StorageError:
        st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")
        st.stop()


def cohort_label(cohort) -> str:
    tag = t("advisor.demo_tag") if cohort.is_demo else ""
    return f"{cohort.name} ({cohort.code}, {t('advisor.n_responses', n=cohort.responses)}){tag}"


cohorts_tab, dashboard_tab, bulk_tab, demo_tab = st.tabs(
    [t("advisor.tab_cohorts"), t("advisor.tab_dashboard"), t("advisor.tab_bulk"), t("advisor.tab_demo")],
    key="advisor.tab",  # the open tab survives reruns (an upload, a refill)
)

# ---------------------------------------------------------------- cohorts
with cohorts_tab:
    with st.form("advisor.new_cohort", clear_on_submit=True):
        st.markdown(f"**{t('advisor.new_cohort')}**")
        name = st.text_input(t("advisor.cohort_name"), max_chars=80, key="advisor.cohort_name")
        expires = st.date_input(t("advisor.expires"), value=None, min_value=dt.date.today(), key="advisor.expires")
        if st.form_submit_button(t("advisor.create"), icon=":material/add:"):
            expires_at = dt.datetime.combine(expires, dt.time(23, 59), tzinfo=dt.UTC) if expires else None
            try:
                created = create_cohort(engine(), name, expires_at)
            except CohortNameError as problem:
                st.error(t(f"advisor.name_{problem.code}"), icon=":material/error:")
            except StorageError:
                st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")
            else:
                st.session_state["advisor.show_code"] = created.code
                done(t("advisor.created", name=plain(created.name), code=created.code))

    cohorts = load_cohorts()
    if not cohorts:
        st.info(t("advisor.no_cohorts"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("advisor.col_name"): [c.name for c in cohorts],
                    t("advisor.col_code"): [c.code for c in cohorts],
                    t("advisor.col_responses"): [c.responses for c in cohorts],
                    t("advisor.col_expires"): [c.expires_at.date() if c.expires_at else None for c in cohorts],
                    t("advisor.col_demo"): [c.is_demo for c in cohorts],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        codes = [c.code for c in cohorts]
        labels = {c.code: cohort_label(c) for c in cohorts}  # formatted now, in this run's language
        shown = st.selectbox(
            t("advisor.show_join"),
            codes,
            format_func=labels.__getitem__,
            index=codes.index(st.session_state["advisor.show_code"])
            if st.session_state.get("advisor.show_code") in codes
            else 0,
        )
        link = join_link(shown)
        st.markdown(f"## {t('advisor.code_big', code=shown)}")
        st.image(qr_png(link, scale=10), width=320, caption=t("advisor.qr_caption"))
        st.code(link, language=None, wrap_lines=True)

        with st.expander(t("advisor.delete_cohort"), icon=":material/delete_forever:"):
            target = st.selectbox(t("advisor.delete_which"), codes, format_func=labels.__getitem__)
            sure = st.checkbox(t("advisor.delete_confirm"), key="advisor.delete_sure")
            if st.button(t("advisor.delete_button"), disabled=not sure, type="primary", key="advisor.delete_go"):
                cohort = next(c for c in cohorts if c.code == target)
                try:
                    removed = delete_cohort(engine(), cohort.id)
                except StorageError:
                    st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")
                else:
                    done(t("advisor.deleted", name=plain(cohort.name), n=removed))

# ---------------------------------------------------------------- dashboard
with dashboard_tab:
    cohorts = load_cohorts()
    if not cohorts:
        st.info(t("advisor.no_cohorts"))
    else:
        by_code = {c.code: c for c in cohorts}
        labels = {c.code: cohort_label(c) for c in cohorts}
        # open on the newest cohort that already has answers - usually the one being discussed
        first_with_data = next((k for k, c in enumerate(cohorts) if c.responses), 0)
        chosen = by_code[
            st.selectbox(
                t("advisor.pick_cohort"),
                list(by_code),
                index=first_with_data,
                format_func=labels.__getitem__,
            )
        ]
        try:
            stored = responses_frame(engine(), bank, chosen.id)
        except StorageError:
            st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")
            st.stop()
        if chosen.is_demo:
            st.warning(t("advisor.demo_banner"), icon=":material/science:")
        st.metric(t("advisor.col_responses"), len(stored))
        if stored.empty:
            st.info(t("advisor.no_responses"))
        else:
            st.subheader(t("advisor.distributions"))
            show_chart(charts.distribution_chart(charts.distribution_frame(stored, bank, L), bank, L))
            st.subheader(t("advisor.top_categories"))
            counts = charts.category_counts_frame(stored, bank, L)
            show_chart(charts.category_counts_chart(counts))
            st.subheader(t("advisor.reliability"))
            alpha = trait_reliability(stored, bank)
            if len(stored) < MIN_RESPONSES:
                st.caption(t("advisor.reliability_small", n=len(stored), needed=MIN_RESPONSES))
            st.dataframe(
                alpha.assign(trait=[bank.trait(x).name(L) for x in alpha["trait"]])
                .round({"alpha": 2})
                .rename(columns={"trait": t("results.col_trait"), "n_items": t("method.col_items"), "alpha": "α"}),
                hide_index=True,
                width="stretch",
            )
            st.subheader(t("advisor.items"))
            items = item_statistics(stored, bank)
            items.insert(1, "text", [bank.item(i).text(L) for i in items["item"]])
            st.dataframe(items.round({"mean": 2, "sd": 2}), hide_index=True, width="stretch")
            export = cohort_export(stored, chosen)
            st.download_button(
                t("advisor.export"),
                data=to_csv_bytes(export),
                mime="text/csv",
                file_name=f"cohort-{chosen.code}.csv",
                icon=":material/download:",
                on_click="ignore",
                key="advisor.export",
            )

# ---------------------------------------------------------------- bulk scoring
with bulk_tab:
    st.markdown(t("advisor.bulk_body", mb=MAX_UPLOAD_BYTES // 1024 // 1024))
    st.download_button(
        t("advisor.template"),
        data=to_csv_bytes(template_frame(bank, L)),
        mime="text/csv",
        file_name="bpo-career-fit-template.csv",
        icon=":material/description:",
        on_click="ignore",
        key="advisor.template",
    )
    upload = st.file_uploader(t("advisor.upload"), type=["csv", "xlsx"], key="advisor.upload")
    if upload is not None:
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise InputFileError("too_large", "upload too large", str(MAX_UPLOAD_BYTES // 1024 // 1024))
            sheet = read_answers(upload.getvalue(), upload.name)
            scored = score_frame(sheet, bank, lang=L)
        except InputFileError as problem:
            st.error(t(f"file_error.{problem.code}", detail=problem.detail), icon=":material/error:")
        else:
            rejected = scored[scored["error"] != ""]
            st.success(t("advisor.bulk_summary", scored=len(scored) - len(rejected), rejected=len(rejected)))
            if len(rejected):
                st.markdown(f"**{t('advisor.bulk_problems')}**")
                st.dataframe(rejected[["id", "error"]].astype(str), hide_index=True, width="stretch")
            st.dataframe(scored, hide_index=True, width="stretch")
            st.download_button(
                t("advisor.bulk_download"),
                data=to_csv_bytes(scored),
                mime="text/csv",
                file_name="scored.csv",
                icon=":material/download:",
                on_click="ignore",
                key="advisor.bulk_download",
            )
            real = [c for c in load_cohorts() if not c.is_demo]
            if real and len(scored) > len(rejected):
                with st.form("advisor.bulk_save"):
                    real_labels = {c.code: cohort_label(c) for c in real}
                    target_code = st.selectbox(
                        t("advisor.bulk_cohort"), list(real_labels), format_func=real_labels.__getitem__
                    )
                    target = next(c for c in real if c.code == target_code)
                    st.caption(t("advisor.bulk_consent"))
                    if st.form_submit_button(t("advisor.bulk_save"), icon=":material/save:"):
                        try:
                            n = save_scored_sheet(engine(), bank, sheet, scored, L, target.id)
                        except StorageError:
                            st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")
                        else:
                            done(t("advisor.bulk_saved", n=n, name=plain(target.name)))

# ---------------------------------------------------------------- demo and kiosk
with demo_tab:
    st.markdown(t("advisor.demo_body"))
    if st.button(t("advisor.demo_fill"), icon=":material/science:", key="advisor.demo_fill"):
        try:
            demo = fill_demo_cohort(engine(), bank, t("advisor.demo_name"), n=60)
        except StorageError:
            st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")
        else:
            done(t("advisor.demo_done", name=plain(demo.name), n=60))
    st.markdown(f"**{t('advisor.kiosk_title')}**")
    st.markdown(t("advisor.kiosk_body"))
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    st.code(f"{parts.scheme}://{parts.netloc}/?{urlencode({'lang': L, 'kiosk': '1'})}", language=None)
