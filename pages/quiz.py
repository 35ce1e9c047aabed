"""Quiz: a few questions per screen, progress, Back/Next, resumable from the URL."""

import streamlit as st

from pages.lib.common import content, go, kiosk, lang, set_param, t
from scoring import TokenError, decode_answers, encode_answers

PER_SCREEN = 7
ANSWERS, SCREEN, TOKENS, ERROR, NOTICE = "quiz.answers", "quiz.screen", "quiz.tokens", "quiz.error", "quiz.notice"

bank = content().bank
L = lang()
screens = [bank.items[start : start + PER_SCREEN] for start in range(0, len(bank.items), PER_SCREEN)]
number = {item.id: index for index, item in enumerate(bank.items, start=1)}
st.session_state.setdefault(ANSWERS, {})
st.session_state.setdefault(SCREEN, 0)
st.session_state.setdefault(TOKENS, set())


def first_open_screen(answers: dict) -> int:
    for index, screen in enumerate(screens):
        if any(item.id not in answers for item in screen):
            return index
    return len(screens) - 1


def sync_answers() -> None:
    """Copy what the current screen's radios hold into the answers. Each radio also stores its own
    answer when it changes, but a Next click can be handled before that radio's callback, so Next and
    Finish read the widgets directly too (only the shown screen has live widgets)."""
    for item in screens[min(st.session_state[SCREEN], len(screens) - 1)]:
        value = st.session_state.get(f"quiz.{item.id}")
        if value is not None:
            st.session_state[ANSWERS][item.id] = value


# resume from the link (a reload or a reopened link); never trust the token. A token this session
# wrote itself is only an echo (the browser may send an older one while answers come in quickly).
link_token = st.query_params.get("a")
if link_token and link_token not in st.session_state[TOKENS]:
    for item in bank.items:  # the link wins over whatever the radios held before
        st.session_state.pop(f"quiz.{item.id}", None)
    try:
        st.session_state[ANSWERS] = decode_answers(link_token, bank)
    except TokenError as problem:
        st.session_state[ANSWERS] = {}
        st.session_state[NOTICE] = "token.other_version" if problem.reason == "other_version" else "token.invalid"
    st.session_state[SCREEN] = first_open_screen(st.session_state[ANSWERS])

answers: dict = st.session_state[ANSWERS]
token = encode_answers(answers, bank) if answers else None
if token and not kiosk():  # a shared kiosk keeps answers out of the address bar
    st.session_state[TOKENS].add(token)
    set_param("a", token)
else:
    st.query_params.pop("a", None)


def store(item_id: str) -> None:
    st.session_state[ANSWERS][item_id] = st.session_state[f"quiz.{item_id}"]
    st.session_state.pop(ERROR, None)  # the refusal message goes once the person answers


def move(step: int) -> None:
    sync_answers()
    current = screens[st.session_state[SCREEN]]
    unanswered = [number[item.id] for item in current if item.id not in st.session_state[ANSWERS]]
    if step > 0 and unanswered:
        st.session_state[ERROR] = unanswered
        return
    st.session_state.pop(ERROR, None)
    st.session_state[SCREEN] = max(0, min(len(screens) - 1, st.session_state[SCREEN] + step))


# page
st.title(t("quiz.title"))
if notice := st.session_state.pop(NOTICE, None):
    st.warning(t(notice), icon=":material/link_off:")

screen_index = st.session_state[SCREEN]
st.progress(
    len(answers) / len(bank.items),
    text=t(
        "quiz.progress", answered=len(answers), total=len(bank.items), screen=screen_index + 1, screens=len(screens)
    ),
)
likert_labels = [option(L) for option in bank.likert_options]
situation_hint = t("quiz.situation_hint")

for item in screens[screen_index]:
    with st.container(border=True):
        situational = item.kind == "situational"
        labels = [option.text(L) for option in item.options] if situational else likert_labels
        current = answers.get(item.id)
        st.radio(
            f"{number[item.id]}. {item.text(L)}",
            options=list(range(1, item.n_options + 1)),
            index=None if current is None else current - 1,
            format_func=lambda value, labels=labels: labels[value - 1],
            key=f"quiz.{item.id}",
            horizontal=not situational,
            help=situation_hint if situational else None,
            on_change=store,
            args=(item.id,),
        )

if unanswered := st.session_state.get(ERROR):
    st.error(t("quiz.unanswered", numbers=", ".join(str(n) for n in unanswered)), icon=":material/error:")

last = screen_index == len(screens) - 1
with st.container(horizontal=True, horizontal_alignment="distribute"):
    st.button(
        t("quiz.back"),
        key="quiz.back",
        on_click=move,
        args=(-1,),
        disabled=screen_index == 0,
        icon=":material/arrow_back:",
    )
    if not last:
        st.button(
            t("quiz.next"), key="quiz.next", on_click=move, args=(1,), type="primary", icon=":material/arrow_forward:"
        )
    elif st.button(t("quiz.finish"), key="quiz.finish", type="primary", icon=":material/insights:"):
        sync_answers()
        missing = [number[item.id] for item in bank.items if item.id not in answers]
        if missing:
            st.session_state[ERROR] = missing
            st.rerun()
        go("results", **({} if kiosk() else {"a": encode_answers(answers, bank)}))

if screen_index == 0:
    st.caption(t("quiz.resume_hint"))
