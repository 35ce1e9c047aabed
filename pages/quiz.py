"""Quiz: a screen of questions at a time, progress, Back/Next, resumable from the link."""

import streamlit as st

from scoring import TokenError, decode_answers, encode_answers, missing_items
from ui.content import content
from ui.i18n import lang, set_param, t
from ui.links import go
from ui.visitor import kiosk

ANSWERS, SCREEN, TOKENS, ERROR, NOTICE = "quiz.answers", "quiz.screen", "quiz.tokens", "quiz.error", "quiz.notice"
bank = content().bank
number = {item.id: index for index, item in enumerate(bank.items, start=1)}


def first_open_screen(answers: dict) -> int:
    for index, screen in enumerate(bank.screens):
        if missing_items(answers, bank, screen):
            return index
    return len(bank.screens) - 1


def shown_screen() -> tuple:
    return bank.screens[min(st.session_state[SCREEN], len(bank.screens) - 1)]


def sync_answers() -> None:
    """Copy what the shown screen's radios hold into the answers. Each radio also stores its own
    answer when it changes, but a Next click can be handled before that radio's callback, so Next
    and Finish read the widgets directly too (only the shown screen has live widgets)."""
    for item in shown_screen():
        value = st.session_state.get(f"quiz.{item.id}")
        if value is not None:
            st.session_state[ANSWERS][item.id] = value


def store(item_id: str) -> None:
    st.session_state[ANSWERS][item_id] = st.session_state[f"quiz.{item_id}"]
    st.session_state.pop(ERROR, None)  # the refusal message goes once the person answers


def move(step: int) -> None:
    sync_answers()
    unanswered = missing_items(st.session_state[ANSWERS], bank, shown_screen())
    if step > 0 and unanswered:
        st.session_state[ERROR] = [number[item_id] for item_id in unanswered]
        return
    st.session_state.pop(ERROR, None)
    st.session_state[SCREEN] = max(0, min(len(bank.screens) - 1, st.session_state[SCREEN] + step))


def resume_from_link() -> None:
    """A reload or a reopened link resumes the quiz; the token is never trusted. A token this
    session wrote itself is only an echo (the browser may send an older one while answers come in)."""
    token = st.query_params.get("a")
    if not token or token in st.session_state[TOKENS]:
        return
    for item in bank.items:  # the link wins over whatever the radios held before
        st.session_state.pop(f"quiz.{item.id}", None)
    try:
        st.session_state[ANSWERS] = decode_answers(token, bank)
    except TokenError as problem:
        st.session_state[ANSWERS] = {}
        st.session_state[NOTICE] = problem.notice
    st.session_state[SCREEN] = first_open_screen(st.session_state[ANSWERS])


def keep_in_link(answers: dict) -> None:
    token = encode_answers(answers, bank) if answers else None
    if token and not kiosk():  # a shared kiosk keeps answers out of the address bar
        st.session_state[TOKENS].add(token)
        set_param("a", token)
    else:
        st.query_params.pop("a", None)


def progress(answers: dict) -> None:
    if notice := st.session_state.pop(NOTICE, None):
        st.warning(t(f"token.{notice}"), icon=":material/link_off:")
    st.progress(
        len(answers) / len(bank.items),
        text=t(
            "quiz.progress",
            answered=len(answers),
            total=len(bank.items),
            screen=st.session_state[SCREEN] + 1,
            screens=len(bank.screens),
        ),
    )


def questions(answers: dict) -> None:
    likert_labels = [option(lang()) for option in bank.likert_options]
    for item in shown_screen():
        situational = item.kind == "situational"
        labels = [option.text(lang()) for option in item.options] if situational else likert_labels
        current = answers.get(item.id)
        with st.container(border=True):
            st.radio(
                f"{number[item.id]}. {item.text(lang())}",
                options=list(range(1, item.n_options + 1)),
                index=None if current is None else current - 1,
                format_func=lambda value, labels=labels: labels[value - 1],
                key=f"quiz.{item.id}",
                horizontal=not situational,
                help=t("quiz.situation_hint") if situational else None,
                on_change=store,
                args=(item.id,),
            )


def refusal() -> None:
    if unanswered := st.session_state.get(ERROR):
        st.error(t("quiz.unanswered", numbers=", ".join(str(n) for n in unanswered)), icon=":material/error:")


def buttons(answers: dict) -> None:
    first, last = st.session_state[SCREEN] == 0, st.session_state[SCREEN] == len(bank.screens) - 1
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button(
            t("quiz.back"), key="quiz.back", on_click=move, args=(-1,), disabled=first, icon=":material/arrow_back:"
        )
        if not last:
            st.button(
                t("quiz.next"),
                key="quiz.next",
                on_click=move,
                args=(1,),
                type="primary",
                icon=":material/arrow_forward:",
            )
        elif st.button(t("quiz.finish"), key="quiz.finish", type="primary", icon=":material/insights:"):
            finish(answers)
    if first:
        st.caption(t("quiz.resume_hint"))


def finish(answers: dict) -> None:
    sync_answers()
    if missing := missing_items(answers, bank):
        st.session_state[ERROR] = [number[item_id] for item_id in missing]
        st.rerun()
    go("results", **({} if kiosk() else {"a": encode_answers(answers, bank)}))


st.session_state.setdefault(ANSWERS, {})
st.session_state.setdefault(SCREEN, 0)
st.session_state.setdefault(TOKENS, set())
resume_from_link()
answers = st.session_state[ANSWERS]
keep_in_link(answers)
st.title(t("quiz.title"))
progress(answers)
questions(answers)
refusal()
buttons(answers)
