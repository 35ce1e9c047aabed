"""Time from opening the quiz URL to the first question being interactive, in headless Chromium,
against a hello-world Streamlit app measured the same way in the same run. Target: at most 1.3x.

A third page shows where the time goes: the bare page with the same widgets that bench_app.py
uses (seven radio groups, progress, buttons, language switch; no logic). Streamlit's frontend loads
every widget's code lazily behind a React Suspense boundary, and React 18 holds a revealed boundary
back until 500 ms after its placeholder appeared; hello world's markdown needs no such chunk. So
"bare page / hello world" is the framework's price for showing seven questions, and "product / bare
page" is what this app adds on top (its chrome, and the /quiz address, which makes the frontend
probe /quiz/_stcore/health before /_stcore/health).

Each sample is a fresh browser context (no cache): navigate, then wait until the first radio button
of question 1 is in the page (for hello world: until its text is visible). All servers are warmed
once and sampled in turn, so drift hits them alike.

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

from browser import CHROMIUM_ARGS, AppServer, ensure_chromium  # noqa: E402

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


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args(argv)
    radio = lambda selector: lambda page: page.locator(selector).first.wait_for(state="attached")  # noqa: E731
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
            pages = {  # name -> (address, ready)
                "quiz": (f"{app.url}/quiz?lang=ja", radio(".st-key-quiz-card-Q01 input[type=radio]")),
                "bare": (bare.url, radio(".st-key-q0 input[type=radio]")),
                "hello": (hello.url, lambda page: page.get_by_text("Hello world").wait_for()),
            }
            browser = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS)
            for url, ready in pages.values():  # warm every server
                sample(browser, url, ready)
            times: dict[str, list[float]] = {name: [] for name in pages}
            for _ in range(args.samples):  # interleaved, so drift hits all alike
                for name, (url, ready) in pages.items():
                    times[name].append(sample(browser, url, ready))
            browser.close()
    figures = {
        "quiz_interactive_ms": statistics.median(times["quiz"]) * 1000,
        "bare_page_ms": statistics.median(times["bare"]) * 1000,
        "hello_world_ms": statistics.median(times["hello"]) * 1000,
    }
    figures["ratio"] = figures["quiz_interactive_ms"] / figures["hello_world_ms"]
    figures["bare_vs_hello"] = figures["bare_page_ms"] / figures["hello_world_ms"]
    figures["quiz_vs_bare"] = figures["quiz_interactive_ms"] / figures["bare_page_ms"]
    print(
        f"open /quiz -> first question interactive: {figures['quiz_interactive_ms']:.0f} ms; "
        f"hello world: {figures['hello_world_ms']:.0f} ms -> {figures['ratio']:.2f}x (target <= 1.3x); "
        f"bare page with the same widgets {figures['bare_page_ms']:.0f} ms = {figures['bare_vs_hello']:.2f}x hello "
        f"world, so the app adds {figures['quiz_vs_bare']:.2f}x"
    )
    return figures


if __name__ == "__main__":
    main()
