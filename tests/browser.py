"""Real-browser helpers: Debian's chromium (installed on demand) and a live app server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def apt_install(*packages: str) -> None:
    """Install Debian packages the tests need (CI runs as root on a clean machine, with no input)."""
    if os.geteuid() != 0:
        raise RuntimeError(f"{' '.join(packages)} not installed; run: sudo apt-get install -y {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdin=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env, stdin=subprocess.DEVNULL)


def ensure_chromium() -> str:
    """Path to Debian's chromium, installing it (and Japanese fonts) with apt-get when missing."""
    found = shutil.which("chromium")
    if found:
        return found
    apt_install("chromium", "fonts-noto-cjk")
    return shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """``streamlit run app.py`` on a free loopback port, stopped on exit."""

    def __init__(
        self, extra_env: dict[str, str] | None = None, log_path: str | None = None, script: Path | None = None
    ):
        self.log_path = log_path
        self.script = script or ROOT / "app.py"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, **(extra_env or {}))
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> AppServer:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(self.script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=self.script.parent,
            env=self.env,
            stdout=open(self.log_path, "w") if self.log_path else subprocess.DEVNULL,  # noqa: SIM115
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("the app server did not start within 60 s")

    def __exit__(self, *exc) -> None:
        stop(self.process)


def stop(process: subprocess.Popen | None) -> None:
    """Terminate a server process and wait for it; kill it if it will not go within 10 s."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


# ---------------------------------------------------------------- taking the quiz in a real browser


def label_of(bank, item, answer: int, lang: str) -> str:
    if item.kind == "situational":
        return item.options[answer - 1].text(lang)
    options = bank.preference_options if item.kind == "preference" else bank.likert_options
    return options[answer - 1](lang)


def settled(page) -> None:
    """Wait until the app has finished the run a click started (Streamlit marks its root element with
    the run's state). While a run is in progress the page is half rebuilt: after Next a question card
    can still hold the previous screen's radio, and a section just opened is still being filled, so
    a click there can land on something that is about to move or be replaced."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)


def download(page, button: str) -> Path:
    """Press the download button named ``button`` and return the saved file's path.

    On a starved CI machine a press occasionally produced no download at all (2 or 3 runs in 12 here, with
    four busy loops on two cores; never with the page instrumented to log its clicks, so the cause is
    a timing inside the browser). A person whose file does not appear presses again; so does this,
    once, after 10 s. What the tests check is the file each button gives."""
    press = page.get_by_role("button", name=button)
    try:
        with page.expect_download(timeout=10_000) as event:
            press.click()
    except PlaywrightTimeout:
        with page.expect_download(timeout=30_000) as event:
            press.click()
    return event.value.path()


def option(page, item, label: str):
    """The option labelled ``label`` of ``item``'s question card, once the page has settled and the card
    holds only that question."""
    settled(page)
    widget = page.locator(f".st-key-quiz-card-{item.id}")
    expect(widget.get_by_role("radiogroup")).to_have_count(1)
    return widget.get_by_test_id("stRadioOption").filter(has=page.get_by_text(label, exact=True))


def choose(page, bank, item, answer: int, lang: str) -> None:
    """Click the option a person would pick, found by its text (situations are shuffled per person)."""
    target = option(page, item, label_of(bank, item, answer, lang))
    target.click()
    expect(target.locator("input")).to_be_checked()


def shown_labels(page, item) -> list[str]:
    settled(page)
    rows = page.locator(f".st-key-quiz-card-{item.id} [data-testid=stRadioOption]")
    expect(rows).to_have_count(item.n_options)
    return rows.all_inner_texts()


def take_whole_quiz(page, bank, answers: dict, lang: str) -> None:
    for number, screen in enumerate(bank.screens, start=1):
        expect(page.locator(f".st-key-quiz-card-{screen[0].id}")).to_be_visible()
        for item in screen:
            choose(page, bank, item, answers[item.id], lang)
        answered = sum(len(s) for s in bank.screens[:number])
        progress = f"{answered}/{len(bank.items)}" if lang == "ja" else f"{answered} of {len(bank.items)}"
        expect(page.get_by_test_id("stProgress")).to_contain_text(progress)
        last = number == len(bank.screens)
        page.locator(".st-key-quiz-finish button" if last else ".st-key-quiz-next button").click()
