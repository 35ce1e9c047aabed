"""Time from opening the quiz URL to the first question being interactive, in headless Chromium,
against a hello-world Streamlit app measured the same way in the same run. Target: at most 1.3x.

Each sample is a fresh browser context (no cache): navigate, then wait until the first radio button
of question 1 is enabled (for hello world: until its text is visible). Both servers are warmed once.

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

from browser import CHROMIUM_ARGS, AppServer, ensure_chromium  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

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
    quiz_ready = lambda page: page.locator(".st-key-quiz-Q01 input[type=radio]").first.wait_for(state="attached")  # noqa: E731
    hello_ready = lambda page: page.get_by_text("Hello world").wait_for()  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        hello_script = Path(tmp) / "hello.py"
        hello_script.write_text(HELLO)
        with AppServer() as app, AppServer(script=hello_script) as hello, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS)
            sample(browser, hello.url, hello_ready)  # warm both servers
            sample(browser, f"{app.url}/quiz?lang=ja", quiz_ready)
            quiz_times, hello_times = [], []
            for _ in range(args.samples):  # interleaved, so drift hits both
                quiz_times.append(sample(browser, f"{app.url}/quiz?lang=ja", quiz_ready))
                hello_times.append(sample(browser, hello.url, hello_ready))
            browser.close()
    figures = {
        "quiz_interactive_ms": statistics.median(quiz_times) * 1000,
        "hello_world_ms": statistics.median(hello_times) * 1000,
    }
    figures["ratio"] = figures["quiz_interactive_ms"] / figures["hello_world_ms"]
    print(
        f"open /quiz -> first question interactive: {figures['quiz_interactive_ms']:.0f} ms; "
        f"hello world: {figures['hello_world_ms']:.0f} ms -> {figures['ratio']:.2f}x (target <= 1.3x)"
    )
    return figures


if __name__ == "__main__":
    main()
