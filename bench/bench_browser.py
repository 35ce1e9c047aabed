"""What a person waits for in Chromium, each figure beside a bare Streamlit page with the same widgets
(`bench_app.py`'s BARE_QUIZ: seven radio groups, progress, Back/Next, a language switch; no logic)
measured in the same run. Targets: at most 1.1x that bare page.

* Open /quiz -> the first question interactive (fresh browser context, no cache).
* Next -> the next screen's first question interactive, at phone size (375 x 812), after the first
  screen has been answered; the product's Next also checks the screen, stores the answers and
  scrolls the new screen into view.

A hello-world app is measured too, as information: Streamlit's frontend loads every widget's code
lazily behind a React Suspense boundary, and React 18 holds a revealed boundary back until 500 ms
after its placeholder appeared; hello world's markdown needs no such chunk. So "bare page / hello
world" is the framework's price for showing seven questions, and "product / bare page" is what this
app adds on top (its chrome, and the /quiz address, which makes the frontend probe
/quiz/_stcore/health before /_stcore/health).

All servers are warmed once and sampled in turn, so drift hits them alike.

Run: python bench/bench_browser.py [--samples 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bench_app import BARE_QUIZ  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from browser import CHROMIUM_ARGS, AppServer, choose, ensure_chromium  # noqa: E402
from scoring import load_bank  # noqa: E402

PHONE = {"width": 375, "height": 812}

HELLO = 'import streamlit as st\nst.write("Hello world")\n'


def sample(browser, url: str, ready) -> float:
    context = browser.new_context()
    page = context.new_page()
    began = time.perf_counter()
    page.goto(url)
    ready(page)
    elapsed = time.perf_counter() - began
    context.close()
    return elapsed


# Tap Next inside the page and wait there for the next screen's first radio: the time a person waits,
# without Playwright's own actionability checks and round trips around the click.
TAP_AND_WAIT = """(selector) => new Promise((resolve) => {
  const began = performance.now();
  const done = () => document.querySelector(selector);
  const watcher = new MutationObserver(() => { if (done()) { watcher.disconnect(); resolve(performance.now() - began); } });
  watcher.observe(document.body, { subtree: true, childList: true });
  document.querySelector(".st-key-quiz-next button, .st-key-next button").click();
})"""


def turn(browser, url: str, first, answer, nxt) -> float:
    """Open ``url`` at phone size, answer the first screen (not timed), then time Next until the next
    screen's first question (``nxt``, a CSS selector) is in the page."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(url)
    first(page)
    answer(page)
    elapsed = page.evaluate(TAP_AND_WAIT, nxt) / 1000
    context.close()
    return elapsed


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args(argv)
    bank = load_bank()
    first_screen, second_screen = bank.screens[0], bank.screens[1]
    radio = lambda selector: lambda page: page.locator(selector).first.wait_for(state="attached")  # noqa: E731

    def answer_product(page) -> None:
        for item in first_screen:
            choose(page, bank, item, 1 if item.kind == "situational" else 4, "ja")

    def answer_bare(page) -> None:
        for i in range(7):
            row = page.locator(f".st-key-q{i} [data-testid=stRadioOption]").nth(3 if i < 6 else 0)
            row.click()
            page.locator(f".st-key-q{i} input[type=radio]").nth(3 if i < 6 else 0).wait_for(state="attached")

    with tempfile.TemporaryDirectory() as tmp:
        hello_script, bare_script = Path(tmp) / "hello.py", Path(tmp) / "bare_quiz.py"
        hello_script.write_text(HELLO)
        bare_script.write_text(BARE_QUIZ)
        with (
            AppServer() as app,
            AppServer(script=hello_script) as hello,
            AppServer(script=bare_script) as bare,
            sync_playwright() as playwright,
        ):
            quiz_ready = radio(f".st-key-quiz-card-{first_screen[0].id} input[type=radio]")
            bare_ready = radio(".st-key-q0 input[type=radio]")
            pages = {  # name -> (address, ready)
                "quiz": (f"{app.url}/quiz?lang=ja", quiz_ready),
                "bare": (bare.url, bare_ready),
                "hello": (hello.url, lambda page: page.get_by_text("Hello world").wait_for()),
            }
            turns = {  # name -> (address, first screen ready, answer it, next screen ready)
                "quiz": (
                    f"{app.url}/quiz?lang=ja",
                    quiz_ready,
                    answer_product,
                    f".st-key-quiz-card-{second_screen[0].id} input[type=radio]",
                ),
                "bare": (bare.url, bare_ready, answer_bare, ".st-key-q7 input[type=radio]"),
            }
            browser = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS)
            for url, ready in pages.values():  # warm every server
                sample(browser, url, ready)
            for spec in turns.values():
                turn(browser, *spec)
            times: dict[str, list[float]] = {name: [] for name in pages}
            next_times: dict[str, list[float]] = {name: [] for name in turns}
            for _ in range(args.samples):  # interleaved, so drift hits all alike
                for name, (url, ready) in pages.items():
                    times[name].append(sample(browser, url, ready))
                for name, spec in turns.items():
                    next_times[name].append(turn(browser, *spec))
            browser.close()
    figures = {
        "quiz_interactive_ms": statistics.median(times["quiz"]) * 1000,
        "bare_page_ms": statistics.median(times["bare"]) * 1000,
        "hello_world_ms": statistics.median(times["hello"]) * 1000,
        "next_screen_ms": statistics.median(next_times["quiz"]) * 1000,
        "bare_next_screen_ms": statistics.median(next_times["bare"]) * 1000,
    }
    figures["ratio"] = figures["quiz_interactive_ms"] / figures["hello_world_ms"]
    figures["bare_vs_hello"] = figures["bare_page_ms"] / figures["hello_world_ms"]
    figures["quiz_vs_bare"] = figures["quiz_interactive_ms"] / figures["bare_page_ms"]
    figures["next_vs_bare"] = figures["next_screen_ms"] / figures["bare_next_screen_ms"]
    print(
        f"open /quiz -> first question interactive: {figures['quiz_interactive_ms']:.0f} ms; bare page with the "
        f"same widgets {figures['bare_page_ms']:.0f} ms -> {figures['quiz_vs_bare']:.2f}x (target <= 1.1x); "
        f"hello world {figures['hello_world_ms']:.0f} ms ({figures['ratio']:.2f}x, information)"
    )
    print(
        f"Next -> next screen interactive at 375 px: {figures['next_screen_ms']:.0f} ms; bare page "
        f"{figures['bare_next_screen_ms']:.0f} ms -> {figures['next_vs_bare']:.2f}x (target <= 1.1x)"
    )
    return figures


if __name__ == "__main__":
    main()
