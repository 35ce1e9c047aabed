"""Advisor area: login, cohorts with join links, the cohort dashboard, bulk scoring and the demo.

Everything below the login check is advisor-only; with no password configured the page only
explains how to enable it.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from scoring import (
    InputFileError,
    describe_errors,
    read_answers,
    score_frame,
    template_frame,
    to_csv_bytes,
)
from scoring.files import MAX_UPLOAD_BYTES
from scoring.reliability import MIN_ITEM_ANALYSIS, MIN_RESPONSES, WEAK_ITEM_REST
from storage import (
    GROUP_MINIMUM,
    CohortNameError,
    SaveRefused,
    StorageError,
    cohort_export,
    create_cohort,
    delete_cohort,
    fill_demo_cohort,
    list_cohorts,
    save_scored_sheet,
    upload_key,
)
from ui import charts
from ui.content import content
from ui.database import engine, setting
from ui.i18n import lang, plain, t
from ui.links import absolute_link
from ui.present import cohorts_table, rejected_table, reliability_table, scored_table
from ui.report import qr_png
from ui.signin import account_allowed, keep_cookie, oidc_configured, retry_minutes, sign_out, signed_in, try_password
from ui.statistics import cohort_responses, group_summary
from ui.widgets import show_chart, show_table

FLASH, SHOWN_CODE = "advisor.flash", "advisor.show_code"
DEMO_SIZE = 60
bank = content().bank


def gate() -> None:
    """Stop here unless this visitor is signed in (organisation account or the shared password)."""
    password, oidc = setting("ADVISOR_PASSWORD"), oidc_configured()
    keep_cookie()
    if not password and not oidc:
        st.info(t("advisor.not_configured"), icon=":material/lock:")
        st.stop()
    if signed_in():
        if st.button(t("advisor.logout"), icon=":material/logout:", key="advisor.logout"):
            sign_out()
            st.rerun()
        return
    if oidc:
        organisation_sign_in()
    if password:
        password_sign_in(fallback=oidc)
    st.stop()


def organisation_sign_in() -> None:
    with st.container(border=True):
        st.markdown(t("advisor.oidc_body"))
        if st.button(t("advisor.oidc_login"), type="primary", icon=":material/badge:", key="advisor.oidc"):
            st.login()
        if st.user.is_logged_in and not account_allowed():
            st.warning(t("advisor.oidc_not_allowed", email=plain(st.user.get("email") or "")), icon=":material/block:")
            if st.button(t("advisor.logout"), key="advisor.oidc_logout"):
                st.logout()


def password_sign_in(fallback: bool) -> None:
    with st.form("advisor.login"):
        label = t("advisor.password_fallback") if fallback else t("advisor.password")
        given = st.text_input(label, type="password", key="advisor.password")
        submitted = st.form_submit_button(t("advisor.login"), icon=":material/login:")
    if not submitted:
        return
    outcome = try_password(given)
    if outcome == "ok":
        st.rerun()
    messages = {
        "wrong": t("advisor.wrong_password"),
        "locked": t("advisor.locked", minutes=retry_minutes()),
        "unavailable": t("advisor.db_unavailable"),
    }
    st.error(messages[outcome], icon=":material/block:")


def flash() -> None:
    slot = st.empty()  # always present, so the tabs below keep their place on the page
    if message := st.session_state.pop(FLASH, None):
        slot.success(message, icon=":material/check_circle:")


def done(message: str) -> None:
    """Show ``message`` after a rerun, so every tab reflects the change just made."""
    st.session_state[FLASH] = message
    st.rerun()


def unavailable() -> None:
    st.warning(t("advisor.db_unavailable"), icon=":material/cloud_off:")


def load_cohorts() -> list:
    try:
        return list_cohorts(engine())
    except StorageError:
        unavailable()
        st.stop()


def cohort_label(cohort) -> str:
    tag = t("advisor.demo_tag") if cohort.is_demo else ""
    return f"{cohort.name} ({cohort.code}, {t('advisor.n_responses', n=cohort.responses)}){tag}"


# ---------------------------------------------------------------- cohorts


def new_cohort_form() -> None:
    with st.form("advisor.new_cohort", clear_on_submit=True):
        st.markdown(f"**{t('advisor.new_cohort')}**")
        name = st.text_input(t("advisor.cohort_name"), max_chars=80, key="advisor.cohort_name")
        expires = st.date_input(t("advisor.expires"), value=None, min_value=dt.date.today(), key="advisor.expires")
        if not st.form_submit_button(t("advisor.create"), icon=":material/add:"):
            return
    expires_at = dt.datetime.combine(expires, dt.time(23, 59), tzinfo=dt.UTC) if expires else None
    try:
        created = create_cohort(engine(), name, expires_at)
    except CohortNameError as problem:
        st.error(t(f"advisor.name_{problem.code}"), icon=":material/error:")
    except StorageError:
        unavailable()
    else:
        st.session_state[SHOWN_CODE] = created.code
        done(t("advisor.created", name=plain(created.name), code=created.code))


def cohort_table(cohorts: list) -> None:
    show_table(cohorts_table(cohorts))


def join_link(cohorts: list) -> None:
    codes = [c.code for c in cohorts]
    labels = {c.code: cohort_label(c) for c in cohorts}  # formatted now, in this run's language
    remembered = st.session_state.get(SHOWN_CODE)
    shown = st.selectbox(
        t("advisor.show_join"),
        codes,
        format_func=labels.__getitem__,
        index=codes.index(remembered) if remembered in codes else 0,
    )
    link = absolute_link("home", lang=lang(), cohort=shown)
    st.markdown(f"## {t('advisor.code_big', code=shown)}")
    st.image(qr_png(link, scale=10), width=320, caption=t("advisor.qr_caption"))
    st.code(link, language=None, wrap_lines=True)


def delete_cohort_form(cohorts: list) -> None:
    labels = {c.code: cohort_label(c) for c in cohorts}
    with st.expander(t("advisor.delete_cohort"), icon=":material/delete_forever:"):
        target = st.selectbox(t("advisor.delete_which"), list(labels), format_func=labels.__getitem__)
        sure = st.checkbox(t("advisor.delete_confirm"), key="advisor.delete_sure")
        if not st.button(t("advisor.delete_button"), disabled=not sure, type="primary", key="advisor.delete_go"):
            return
    cohort = next(c for c in cohorts if c.code == target)
    try:
        removed = delete_cohort(engine(), cohort.id)
    except StorageError:
        unavailable()
    else:
        done(t("advisor.deleted", name=plain(cohort.name), n=removed))


def cohorts_tab() -> None:
    new_cohort_form()
    cohorts = load_cohorts()
    if not cohorts:
        st.info(t("advisor.no_cohorts"))
        return
    cohort_table(cohorts)
    join_link(cohorts)
    delete_cohort_form(cohorts)


# ---------------------------------------------------------------- dashboard


def pick_cohort(cohorts: list):
    by_code = {c.code: c for c in cohorts}
    labels = {c.code: cohort_label(c) for c in cohorts}
    # open on the newest cohort that already has answers - usually the one being discussed
    first_with_data = next((k for k, c in enumerate(cohorts) if c.responses), 0)
    return by_code[
        st.selectbox(t("advisor.pick_cohort"), list(by_code), index=first_with_data, format_func=labels.__getitem__)
    ]


def reliability_section(summary) -> None:
    st.subheader(t("advisor.reliability"))
    if summary.used < MIN_RESPONSES:
        st.caption(t("advisor.reliability_small", n=summary.used, needed=MIN_RESPONSES))
    table = summary.reliability
    show_table(reliability_table(table, bank))


def item_table(summary) -> None:
    st.subheader(t("advisor.items"))
    if summary.items is None:
        st.caption(t("advisor.items_too_few", n=summary.used, needed=MIN_ITEM_ANALYSIS))
        return
    items = summary.items
    weak = int(items["weak"].sum())
    st.caption(t("advisor.items_caption", r=f"{WEAK_ITEM_REST:.2f}", weak=weak))
    show_table(
        pd.DataFrame(
            {
                t("advisor.col_item"): items["item"],
                t("advisor.col_text"): [bank.item(i).text(lang()) for i in items["item"]],
                t("results.col_scale"): [bank.scale(s).short(lang()) for s in items["scale"]],
                t("advisor.col_reverse"): [t("advisor.yes_mark") if r else "" for r in items["reverse"]],
                t("advisor.col_mean"): items["mean"].round(2),
                t("advisor.col_sd"): items["sd"].round(2),
                t("advisor.col_item_rest"): items["item_rest"].round(2),
                t("advisor.col_alpha_if_deleted"): items["alpha_if_deleted"].round(2),
                t("advisor.col_review"): [t("advisor.review_mark") if w else "" for w in items["weak"]],
            }
        )
    )


def distributions(summary) -> None:
    st.subheader(t("advisor.distributions"))
    show_chart(charts.distribution_chart(summary.distribution, bank, lang()))
    with st.expander(t("results.as_table")):
        names = {c: t(f"advisor.col_{c}") for c in charts.DISTRIBUTION_STATS}
        show_table(
            summary.distribution.rename(columns={"scale": t("results.col_scale"), "n": t("method.col_n"), **names})
        )


def category_counts(summary) -> None:
    st.subheader(t("advisor.top_categories"))
    show_chart(charts.category_counts_chart(summary.categories))
    with st.expander(t("results.as_table")):
        show_table(
            summary.categories.rename(columns={"category": t("advisor.col_category"), "count": t("advisor.col_count")})
        )


def flagged_note(summary) -> None:
    """Say how many responses were flagged; by default they are left out of the statistics."""
    st.caption(t("advisor.flagged", n=summary.flagged, total=summary.stored))
    if summary.flagged:
        st.toggle(t("advisor.leave_out_flagged"), key=LEAVE_OUT)


def export_button(chosen) -> None:
    st.download_button(
        t("advisor.export"),
        data=lambda: to_csv_bytes(cohort_export(cohort_responses(chosen), chosen)),  # built when clicked
        mime="text/csv",
        file_name=f"cohort-{chosen.code}.csv",
        icon=":material/download:",
        on_click="ignore",
        key="advisor.export",
    )


LEAVE_OUT = "advisor.leave_out"


def dashboard_tab() -> None:
    cohorts = load_cohorts()
    if not cohorts:
        st.info(t("advisor.no_cohorts"))
        return
    chosen = pick_cohort(cohorts)
    st.session_state.setdefault(LEAVE_OUT, True)
    try:
        summary = group_summary(chosen, st.session_state[LEAVE_OUT], lang())
    except StorageError:
        unavailable()
        return
    if chosen.is_demo:
        st.warning(t("advisor.demo_banner"), icon=":material/science:")
    st.metric(t("advisor.col_responses"), summary.stored)
    if summary.stored < GROUP_MINIMUM:  # a group's statistics would show individuals' answers
        st.info(t("advisor.too_few_for_statistics", n=summary.stored, needed=GROUP_MINIMUM))
        return
    flagged_note(summary)
    distributions(summary)
    category_counts(summary)
    reliability_section(summary)
    item_table(summary)
    export_button(chosen)


# ---------------------------------------------------------------- bulk scoring


def bulk_tab() -> None:
    st.markdown(t("advisor.bulk_body", mb=MAX_UPLOAD_BYTES // 1024 // 1024))
    st.download_button(
        t("advisor.template"),
        data=to_csv_bytes(template_frame(bank, lang())),
        mime="text/csv",
        file_name="bpo-career-fit-template.csv",
        icon=":material/description:",
        on_click="ignore",
        key="advisor.template",
    )
    upload = st.file_uploader(t("advisor.upload"), type=["csv", "xlsx"], key="advisor.upload")
    if upload is None:
        return
    try:
        sheet = read_answers(upload.getvalue(), upload.name)
        scored = score_frame(sheet, bank)
    except InputFileError as problem:
        st.error(t(f"file_error.{problem.code}", detail=plain(problem.detail)), icon=":material/error:")
        return
    scored["error"] = describe_errors(scored["error"], content().strings, lang())
    bulk_result(scored)
    bulk_save_form(sheet, scored, upload.getvalue())


def bulk_result(scored: pd.DataFrame) -> None:
    rejected = int((scored["error"] != "").sum())
    st.success(t("advisor.bulk_summary", scored=len(scored) - rejected, rejected=rejected))
    repeated = scored.loc[scored["id"].astype(str).duplicated(keep=False), "id"].astype(str).unique()
    if len(repeated):
        ids = t("app.list_separator").join(plain(i) for i in repeated[:10])
        st.warning(t("advisor.repeated_ids", ids=ids, n=len(repeated)), icon=":material/content_copy:")
    if rejected:
        st.markdown(f"**{t('advisor.bulk_problems')}**")
        show_table(rejected_table(scored))
    show_table(scored_table(scored, bank))
    st.download_button(
        t("advisor.bulk_download"),
        data=to_csv_bytes(scored),
        mime="text/csv",
        file_name="scored.csv",
        icon=":material/download:",
        on_click="ignore",
        key="advisor.bulk_download",
    )


def bulk_save_form(sheet: pd.DataFrame, scored: pd.DataFrame, content: bytes) -> None:
    real = [c for c in load_cohorts() if not c.is_demo]
    if not real or (scored["error"] != "").all():
        return
    labels = {c.code: cohort_label(c) for c in real}
    with st.form("advisor.bulk_save"):
        code = st.selectbox(t("advisor.bulk_cohort"), list(labels), format_func=labels.__getitem__)
        st.caption(t("advisor.bulk_consent"))
        if not st.form_submit_button(t("advisor.bulk_save"), icon=":material/save:"):
            return
    target = next(c for c in real if c.code == code)
    try:
        n = save_scored_sheet(engine(), bank, sheet, scored, lang(), target, upload_key(content, target.id))
    except SaveRefused:
        st.warning(t("advisor.bulk_cohort_closed"), icon=":material/group_off:")
    except StorageError:
        unavailable()
    else:
        done(t("advisor.bulk_saved", n=n, name=plain(target.name)) if n else t("advisor.bulk_already_saved"))


# ---------------------------------------------------------------- demo and kiosk


def demo_tab() -> None:
    st.markdown(t("advisor.demo_body"))
    if st.button(t("advisor.demo_fill"), icon=":material/science:", key="advisor.demo_fill"):
        try:
            demo = fill_demo_cohort(engine(), bank, t("advisor.demo_name"), n=DEMO_SIZE)
        except StorageError:
            unavailable()
        else:
            done(t("advisor.demo_done", name=plain(demo.name), n=DEMO_SIZE))
    st.markdown(f"**{t('advisor.kiosk_title')}**")
    st.markdown(t("advisor.kiosk_body"))
    st.code(absolute_link("home", lang=lang(), kiosk="1"), language=None)


st.title(t("advisor.title"), anchor=False)
gate()
flash()
tabs = st.tabs(
    [t("advisor.tab_cohorts"), t("advisor.tab_dashboard"), t("advisor.tab_bulk"), t("advisor.tab_demo")],
    key="advisor.tab",  # the open tab survives reruns (an upload, a refill)
)
for tab, section in zip(tabs, (cohorts_tab, dashboard_tab, bulk_tab, demo_tab), strict=True):
    with tab:
        section()
