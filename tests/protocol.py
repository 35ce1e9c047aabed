"""A browser session spoken at the protocol level: the WebSocket and messages a browser exchanges
with a Streamlit server, without a browser.

Chromium spends most of a 2-core machine's CPU rendering React, so 50 real tabs measure the tabs,
not the server. This client sends the server exactly what Chromium sends (recorded from Debian's
chromium against this app): on opening a page, a ``rerun_script`` with the URL's query string and
page name; on every answer, a ``rerun_script`` with the state of every widget on the page (answered
radios as their option label, unanswered ones as a bare id, a pressed button as a one-off trigger),
the query string the server last set (``page_info_changed``) and the page's script hash
(``navigation``). It reads the server's replies the same way: elements arrive as ``delta``
messages, and a run ends with ``script_finished``. Before connecting, a session downloads the same
static files a first-time visitor's browser downloads (:func:`static_files`), so the server serves
them too.

Used by ``bench/bench_load.py`` and ``tests/test_concurrency.py``.
"""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

EARLY_FOR_RERUN = 2  # ScriptFinishedStatus: the run stopped because another run follows (st.switch_page)
WIDGETS = ("radio", "button", "checkbox")  # what this client can drive; others keep their server-side values


def user_key(widget_id: str) -> str:
    """The ``key=`` a page gave a widget: Streamlit appends it to the widget's id after the hash."""
    return widget_id.split("-", 2)[2] if widget_id.count("-") >= 2 else widget_id


@dataclass
class Page:
    """What one script run put on the page: its elements in order, and the widgets by key."""

    elements: list = field(default_factory=list)
    widgets: dict = field(default_factory=dict)

    def add(self, element) -> None:
        self.elements.append(element)
        kind = element.WhichOneof("type")
        if kind in WIDGETS:
            proto = getattr(element, kind)
            self.widgets[user_key(proto.id)] = (kind, proto)

    def texts(self, kind: str) -> list[str]:
        """Visible text of every element of one kind (``alert``, ``markdown``, ``progress`` ...)."""
        found = []
        for element in self.elements:
            if element.WhichOneof("type") == kind:
                proto = getattr(element, kind)
                found.append(getattr(proto, "body", "") or getattr(proto, "text", ""))
        return found


class ProtocolSession:
    """One visitor: ``async with ProtocolSession(url, "quiz", "lang=en") as s: await s.choose("quiz.Q01", 4)``."""

    def __init__(self, base_url: str, page_name: str = "", query_string: str = "", locale: str = "ja-JP"):
        self.base_url = base_url.rstrip("/")
        self.page_name = page_name
        self.query_string = query_string
        self.locale = locale
        self.page_script_hash = ""
        self.values: dict[str, str | bool] = {}  # widget key -> the label chosen, or a box ticked
        self.page = Page()
        self._socket = None

    async def __aenter__(self) -> ProtocolSession:
        host = urlsplit(self.base_url).netloc
        self._socket = await websockets.connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base_url,
            max_size=None,
            open_timeout=60,
        )
        await self.run()  # opening the page runs the script once
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    # ------------------------------------------------------------ what a person does

    async def choose(self, key: str, label: str) -> float:
        """Click the option labelled ``label`` of the radio ``key``; seconds until the server is done."""
        kind, radio = self.page.widgets[key]
        if kind != "radio":
            raise ValueError(f"{key} is a {kind}, not a radio")
        if label not in radio.options:
            raise ValueError(f"{key} has no option {label!r}")
        self.values[key] = label
        return await self.run()

    async def check(self, key: str) -> float:
        """Tick the checkbox ``key``; seconds until the server is done."""
        kind, _ = self.page.widgets[key]
        if kind != "checkbox":
            raise ValueError(f"{key} is a {kind}, not a checkbox")
        self.values[key] = True
        return await self.run()

    async def click(self, key: str) -> float:
        """Press the button ``key``; seconds until the server is done (page switches included)."""
        if key not in self.page.widgets:
            raise KeyError(f"no button {key!r} on the page")
        return await self.run(trigger=key)

    # ------------------------------------------------------------ the protocol

    def _client_state(self, trigger: str | None) -> BackMsg:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        state.page_script_hash = self.page_script_hash
        for key, (kind, proto) in self.page.widgets.items():
            if kind == "radio":
                widget = state.widget_states.widgets.add(id=proto.id)
                if key in self.values:
                    widget.string_value = self.values[key]
            elif kind == "checkbox":
                state.widget_states.widgets.add(id=proto.id, bool_value=bool(self.values.get(key, proto.default)))
            elif kind == "button" and key == trigger:
                state.widget_states.widgets.add(id=proto.id, trigger_value=True)
        context = state.context_info
        context.timezone, context.timezone_offset, context.locale = "Asia/Tokyo", -540, self.locale
        context.url = f"{self.base_url}/{self.page_name}"
        context.color_scheme = "light"
        return message

    async def run(self, trigger: str | None = None) -> float:
        """Send one rerun and read replies until the script has finished; returns the seconds taken."""
        began = time.perf_counter()
        await self._socket.send(self._client_state(trigger).SerializeToString())
        page = Page()
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self._socket.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                page.add(message.delta.new_element)
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "navigation":
                self.page_script_hash = message.navigation.page_script_hash
                current = [p for p in message.navigation.app_pages if p.page_script_hash == self.page_script_hash]
                if current:
                    self.page_name = current[0].url_pathname
            elif kind == "script_finished":
                if message.script_finished == EARLY_FOR_RERUN:
                    page = Page()  # the run that follows draws the page afresh
                    continue
                break
        self.page = page
        self.values = {key: value for key, value in self.values.items() if key in page.widgets}
        return time.perf_counter() - began


def run_apart(coroutine):
    """Run ``coroutine`` to its end on a thread of its own with a fresh event loop.

    Playwright's sync API (the browser tests' session-wide Chromium) keeps an event loop running on
    the main thread, where asyncio.run() refuses to start another.
    """
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


# ---------------------------------------------------------------- what a first visit downloads


def static_files(base_url: str, page_path: str) -> list[str]:
    """The URLs (on this server) that a first-time visitor's Chromium fetches to show ``page_path``."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, ensure_chromium

    seen: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda request: request.url.startswith(base_url) and seen.append(request.url))
        page.goto(base_url + page_path)
        page.locator("[data-testid=stMain]").wait_for()
        page.wait_for_load_state("networkidle")
        browser.close()
    return list(dict.fromkeys(seen))


def _fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return len(response.read())
    except urllib.error.HTTPError as answer:  # a first visit to /quiz also probes /quiz/_stcore/health (404)
        return len(answer.read())


async def download(urls: list[str], parallel: int = 6) -> int:
    """Fetch ``urls`` as a browser would (six connections to one host); returns the bytes read."""
    with ThreadPoolExecutor(parallel) as pool:
        sizes = await asyncio.gather(*(asyncio.get_running_loop().run_in_executor(pool, _fetch, u) for u in urls))
    return sum(sizes)


# ---------------------------------------------------------------- the quiz, as a person takes it


class LostAnswer(AssertionError):
    """The server's progress text did not count an answer that was sent."""


def option_label(bank, item, answer: int, lang: str) -> str:
    """The text a person sees for answer ``answer`` (the option's number in data/items.yaml)."""
    if item.kind == "situational":
        return item.options[answer - 1].text(lang)
    options = bank.preference_options if item.kind == "preference" else bank.likert_options
    return options[answer - 1](lang)


async def take_quiz(session: ProtocolSession, bank, strings, lang: str, answers: dict, think=None) -> list[float]:
    """Answer every question screen by screen, pressing Next and finally Finish, as a person would.

    Options are chosen by their text, so a situation's shuffled order makes no difference. After each
    answer the page's progress text must be exactly the one data/ui.yaml gives for the new count, so
    an answer the server lost fails loudly. ``think`` (optional) returns the seconds to wait before
    each answer. Returns the seconds each answer took.
    """
    taken, answered = [], 0
    for number, screen in enumerate(bank.screens, start=1):
        for item in screen:
            if think:
                await asyncio.sleep(think())
            taken.append(
                await session.choose(f"quiz.{lang}.{item.id}", option_label(bank, item, answers[item.id], lang))
            )
            answered += 1
            expected = strings(
                "quiz.progress",
                lang,
                answered=answered,
                total=len(bank.items),
                screen=number,
                screens=len(bank.screens),
            )
            if session.page.texts("progress") != [expected]:
                raise LostAnswer(f"after answer {answered} the page shows {session.page.texts('progress')}")
        await session.click("quiz.finish" if number == len(bank.screens) else "quiz.next")
    return taken
