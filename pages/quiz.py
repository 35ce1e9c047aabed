"""Quiz: a screen of questions at a time, progress, Back/Next, resumable from the link."""

import time

import streamlit as st

from scoring import LANGS, AnswerError, TokenError, decode_token, encode_answers, missing_items, new_seed, option_order
from ui.content import content
from ui.i18n import lang, set_param, t
from ui.links import go
from ui.visitor import kiosk
from ui.widgets import scroll_to_element, scroll_to_top

ANSWERS, SCREEN, TOKENS, ERROR, NOTICE = "quiz.answers", "quiz.screen", "quiz.tokens", "quiz.error", "quiz.notice"
SEED, SECONDS, ENTERED = "quiz.seed", "quiz.seconds", "quiz.entered"
bank = content().bank
number = {item.id: index for index, item in enumerate(bank.items, start=1)}


def first_open_screen(answers: dict) -> int:
    for index, screen in enumerate(bank.screens):
        if missing_items(answers, bank, screen):
            return index
    return len(bank.screens) - 1


def shown_screen() -> tuple:
    return bank.screens[min(st.session_state[SCREEN], len(bank.screens) - 1)]


def widget_key(item_id: str, language: str | None = None) -> str:
    """Each language has its own radios: switching language then builds fresh ones that start from
    the answers (a radio kept across the switch would still hold the other language's label)."""
    return f"quiz.{language or lang()}.{item_id}"


def keep(item, value) -> None:
    """Take a radio's value as the answer to ``item`` - only a whole option number of that item."""
    if isinstance(value, int) and 1 <= value <= item.n_options:
        st.session_state[ANSWERS][item.id] = value


def sync_answers() -> None:
    """Copy what the shown screen's radios hold into the answers. Each radio also stores its own
    answer when it changes, but a Next click can be handled before that radio's callback, so Next
    and Finish read the widgets directly too (only the shown screen has live widgets)."""
    for item in shown_screen():
        keep(item, st.session_state.get(widget_key(item.id)))


def store(item_id: str) -> None:
    keep(bank.item(item_id), st.session_state.get(widget_key(item_id)))
    remaining = [n for n in st.session_state.get(ERROR, ()) if n != number[item_id]]
    if remaining:  # the refusal shrinks as the person answers, and goes with the last one
        st.session_state[ERROR] = remaining
    else:
        st.session_state.pop(ERROR, None)


def time_on_screen() -> None:
    """Add the seconds since the shown screen appeared to its total (answer-quality: too fast)."""
    screen, entered = st.session_state.get(ENTERED, (None, None))
    if screen is not None:
        n_items, seconds = st.session_state[SECONDS].get(screen, (len(bank.screens[screen]), 0.0))
        st.session_state[SECONDS][screen] = (n_items, seconds + time.monotonic() - entered)
    st.session_state.pop(ENTERED, None)


def move(step: int) -> None:
    sync_answers()
    unanswered = missing_items(st.session_state[ANSWERS], bank, shown_screen())
    if step > 0 and unanswered:
        st.session_state[ERROR] = [number[item_id] for item_id in unanswered]
        st.session_state["quiz.refused"] = True
        return
    st.session_state.pop(ERROR, None)
    time_on_screen()
    st.session_state[SCREEN] = max(0, min(len(bank.screens) - 1, st.session_state[SCREEN] + step))
    st.session_state["quiz.moved"] = True


def resume_from_link() -> None:
    """A reload or a reopened link resumes the quiz; the token is never trusted. A token this
    session wrote itself is only an echo (the browser may send an older one while answers come in)."""
    token = st.query_params.get("a")
    if not token or token in st.session_state[TOKENS]:
        return
    for language in LANGS:  # the link wins over whatever the radios held before
        for item in bank.items:
            st.session_state.pop(widget_key(item.id, language), None)
    try:
        st.session_state[ANSWERS], st.session_state[SEED] = decode_token(token, bank)
    except TokenError as problem:
        st.session_state[ANSWERS] = {}
        st.session_state[NOTICE] = problem.notice
    st.session_state[SCREEN] = first_open_screen(st.session_state[ANSWERS])


def keep_in_link(answers: dict) -> None:
    try:
        token = encode_answers(answers, bank, st.session_state[SEED]) if answers else None
    except AnswerError:  # cannot happen through the radios (see keep); never worth a crash
        token = None
    if token and not kiosk():  # a shared kiosk keeps answers out of the address bar
        st.session_state[TOKENS].add(token)
        set_param("a", token)
    else:
        st.query_params.pop("a", None)


def progress(answers: dict) -> None:
    if notice := st.session_state.pop(NOTICE, None):
        st.warning(t(f"token.{notice}"), icon=":material/link_off:")
    screen = st.session_state[SCREEN]
    st.progress(
        len(answers) / len(bank.items),
        text=t(
            "quiz.progress", answered=len(answers), total=len(bank.items), screen=screen + 1, screens=len(bank.screens)
        ),
    )
    if shown_screen()[0].kind == "preference":
        st.info(t("quiz.work_intro"), icon=":material/work:")
    elif any(item.kind == "likert" for item in shown_screen()):
        st.caption(t("quiz.statements_hint"))  # for students: answer from school, a part-time job or a club


def labels_for(item) -> dict[int, str]:
    if item.kind == "situational":
        return {n: option.text(lang()) for n, option in enumerate(item.options, start=1)}
    options = bank.preference_options if item.kind == "preference" else bank.likert_options
    return {n: option(lang()) for n, option in enumerate(options, start=1)}


def question(item, answers: dict, unanswered: list) -> None:
    labels = labels_for(item)
    order = (
        option_order(item.id, item.n_options, st.session_state[SEED]) if item.kind == "situational" else list(labels)
    )
    current = answers.get(item.id)
    missing = number[item.id] in unanswered
    with st.container(border=True, key=f"quiz-card-{item.id}"):
        if missing:
            st.markdown(f":red[**{t('quiz.needs_answer')}**]")
        if item.kind == "situational":
            st.caption(t("quiz.situation_hint"))
        st.radio(
            f"{number[item.id]}. {item.text(lang())}",
            options=order,
            index=None if current is None else order.index(current),
            format_func=labels.__getitem__,
            key=widget_key(item.id),
            horizontal=item.kind != "situational",  # a row on wide screens, one option a row on phones
            width="stretch",
            on_change=store,
            args=(item.id,),
        )
        if item.gloss:
            st.caption(item.gloss(lang()))


def questions(answers: dict) -> None:
    unanswered = st.session_state.get(ERROR) or []
    for item in shown_screen():
        question(item, answers, unanswered)
    if unanswered:
        st.error(
            t("quiz.unanswered", numbers=t("app.list_separator").join(map(str, unanswered))), icon=":material/error:"
        )
        if st.session_state.pop("quiz.refused", False):  # just refused: show the first one left
            first = next(item for item in shown_screen() if number[item.id] in unanswered)
            scroll_to_element(f"quiz-card-{first.id}", "-".join(map(str, unanswered)))


def buttons(answers: dict) -> None:
    first, last = st.session_state[SCREEN] == 0, st.session_state[SCREEN] == len(bank.screens) - 1
    with st.container(horizontal=True, horizontal_alignment="distribute", key="quiz-buttons"):
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
        st.session_state[SCREEN] = first_open_screen(answers)
        st.rerun()
    time_on_screen()
    go("results", **({} if kiosk() else {"a": encode_answers(answers, bank, st.session_state[SEED])}))


st.session_state.setdefault(ANSWERS, {})
st.session_state.setdefault(SCREEN, 0)
st.session_state.setdefault(TOKENS, set())
st.session_state.setdefault(SEED, new_seed())
st.session_state.setdefault(SECONDS, {})
resume_from_link()
st.session_state.setdefault(ENTERED, (st.session_state[SCREEN], time.monotonic()))
answers = st.session_state[ANSWERS]
keep_in_link(answers)
st.title(t("quiz.title"), anchor=False)
progress(answers)
questions(answers)
buttons(answers)
if st.session_state.pop("quiz.moved", False):
    scroll_to_top(st.session_state[SCREEN])
