"""Shared fixtures: the real content, a writable copy of it, and answer-sheet builders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from apptest import open_app  # noqa: F401  (tests import it from here with the other helpers)
from scoring import DATA_DIR, load_bank, load_overview, load_strings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def isolated_environment(tmp_path_factory):
    """Keep the app's default SQLite file and secrets out of the working tree during tests."""
    import os

    saved = {k: os.environ.get(k) for k in ("BPO_DATA_DIR", "DATABASE_URL", "ADVISOR_PASSWORD", "BPO_THROTTLE_BASE")}
    os.environ["BPO_DATA_DIR"] = str(tmp_path_factory.mktemp("app-data"))
    os.environ["BPO_THROTTLE_BASE"] = "0.01"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("ADVISOR_PASSWORD", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """A fresh SQLite database for the app under test (through DATABASE_URL, as in production)."""
    from storage import make_engine, migrate

    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def bank():
    return load_bank()


@pytest.fixture(scope="session")
def overview(bank):
    return load_overview(bank=bank)


@pytest.fixture(scope="session")
def strings():
    return load_strings()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break content on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def uniform_answers(bank, value: int) -> dict[str, int]:
    """Every item answered with ``value`` (clipped to the item's number of options)."""
    return {item.id: min(value, item.n_options) for item in bank.items}


def answers_favouring(bank, strong: set[str], wants: set[str] = frozenset()) -> dict[str, int]:
    """A person at the top of the ``strong`` traits and at the bottom of the rest, who would love
    the ``wants`` kinds of work and would rather not do the others (neutral about all work when
    ``wants`` is empty).

    Statements get 5 (or 1 when reverse-keyed) for strong traits, the opposite otherwise; situational
    items get the option that gives the strong traits the most points.
    """
    answers = {}
    for item in bank.items:
        if item.kind == "likert":
            high = item.trait in strong
            answers[item.id] = (1 if item.reverse else 5) if high else (5 if item.reverse else 1)
        elif item.kind == "preference":
            answers[item.id] = 3 if not wants else (5 if item.area in wants else 1)
        else:
            gain = [sum(o.scores[t] if t in strong else -o.scores[t] for t in item.traits) for o in item.options]
            answers[item.id] = gain.index(max(gain)) + 1
    return answers


def answers_for_profile(bank, levels: dict[str, float]) -> dict[str, int]:
    """Answers a plausible person would give whose scores sit as close as whole answers allow to
    ``levels`` (0-100 for every trait and work area): each scale's ratings are spread over the two
    whole answers around its target, and each situation gets the option closest to the targets."""
    target = {scale: 1 + levels[scale] / 25 for scale in bank.scale_ids}  # on the 1-5 answer scale
    answers = {}
    for item in bank.items:
        if item.kind == "situational":
            gaps = [sum((o.scores[t] - target[t]) ** 2 for t in item.traits) for o in item.options]
            answers[item.id] = gaps.index(min(gaps)) + 1
    for scale in bank.scale_ids:
        rated = [i for i in bank.items_for(scale) if i.kind != "situational"]
        given = sum(
            i.options[answers[i.id] - 1].scores[scale] for i in bank.items_for(scale) if i.kind == "situational"
        )
        wanted_total = target[scale] * len(bank.items_for(scale)) - given  # what the ratings should add up to
        base = int(max(1, min(5, wanted_total // len(rated))))
        extra = int(round(min(max(wanted_total - base * len(rated), 0), len(rated) * (5 - base))))
        for k, item in enumerate(rated):
            value = min(5, base + (1 if k < extra else 0))
            answers[item.id] = 6 - value if item.reverse else value
    return answers


def foreign_token(bank) -> str:
    """A well-formed, correctly checked answer token made with another version of the questions."""
    import zlib

    body = f"{'0' * 8}-0000-{'3' * len(bank.items)}"
    return f"{body}-{zlib.crc32(body.encode('ascii')) & 0xFFFF:04x}"


def sheet(bank, rows: list[dict], ids: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(bank.item_ids))
    frame.insert(0, "id", ids or [f"p{k}" for k in range(1, len(rows) + 1)])
    return frame


# ---------------------------------------------------------------- app helpers (AppTest, see tests/apptest.py)


def answer_screen(at, answers: dict[str, int]) -> None:
    """Answer every question shown on the current quiz screen."""
    for radio in at.radio:
        if radio.key and radio.key.startswith("quiz."):  # quiz.<language>.<question>
            radio.set_value(answers[radio.key.rsplit(".", 1)[1]])
    at.run()


def take_quiz(at, answers: dict[str, int]):
    """Go from Home through every quiz screen to Results, as a job seeker would."""
    at.button(key="home.start").click().run()
    return complete_quiz(at, answers)


def complete_quiz(at, answers: dict[str, int]):
    """From the current quiz screen, answer and move on until Results."""
    for _ in range(20):  # more screens than the quiz has: a screen that will not let go fails below
        answer_screen(at, answers)
        finish = [b for b in at.button if b.key == "quiz.finish"]
        if finish:
            finish[0].click().run()
            return at
        at.button(key="quiz.next").click().run()
    raise AssertionError(f"the quiz did not reach Results: {[e.value for e in at.error]}")


RESULTS_SECTIONS = ("traits", "roles", "keep")  # Results' sections that are built only when opened


def open_sections(at, *names: str):
    """Open these sections of Results (every one built only when opened, by default), as taps on them do."""
    for name in names or RESULTS_SECTIONS:
        at.session_state[f"results.{name}_open"] = True
    return at.run()


def open_keep_section(at):
    """Open Results' "keep or share" section (its QR code and files)."""
    return open_sections(at, "keep")


def _leaf_texts(node) -> list[str]:
    children = getattr(node, "children", None)
    if children:
        return [text for child in children.values() for text in _leaf_texts(child)]
    value = getattr(node, "value", None) if getattr(node, "type", "") != "dataframe" else None
    return [str(value)] if isinstance(value, str) else []


def summary_card(at) -> str:
    """All text in the Results page's summary card; also checks that it comes right under the title."""
    blocks = list(at.main.children.values())
    titles = [k for k, b in enumerate(blocks) if getattr(b, "type", "") == "title"]
    assert titles, "the page has a title"
    card = blocks[titles[0] + 1]
    assert "results-summary" in getattr(card.proto, "id", ""), "the summary card is the first thing under the title"
    return "\n".join(_leaf_texts(card))


def texts(at) -> str:
    """All visible text of the current page, for 'the page says X' checks."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error", "code"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts)


ADVISOR_PASSWORD = "correct horse battery staple"


@pytest.fixture
def advisor(app_db, monkeypatch):
    """An advisor logged in to the advisor page (English), on a fresh database."""
    monkeypatch.setenv("ADVISOR_PASSWORD", ADVISOR_PASSWORD)
    at = open_app("advisor", lang="en")
    at.text_input(key="advisor.password").input(ADVISOR_PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


# ---------------------------------------------------------------- real browser (Playwright + Debian chromium)

ARTIFACTS = ROOT / "test-artifacts"


BROWSER_ADVISOR_PASSWORD = "browser-test passphrase"


@pytest.fixture(scope="session")
def app_server(isolated_environment):
    """A live server on loopback; it stores into this test run's own data folder."""
    from browser import AppServer

    with AppServer({"ADVISOR_PASSWORD": BROWSER_ADVISOR_PASSWORD}) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, ensure_chromium

    path = ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, request):
    """A fresh browser context (like a new visitor); a screenshot is saved if the test fails."""
    marker = request.node.get_closest_marker("viewport")
    width, height = marker.args if marker else (1280, 900)
    locale = request.node.get_closest_marker("locale")
    context = chromium.new_context(
        viewport={"width": width, "height": height}, locale=locale.args[0] if locale else "ja-JP", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_configure(config):
    config.addinivalue_line("markers", "viewport(width, height): browser viewport for browser_page")
    config.addinivalue_line("markers", "locale(code): browser locale for browser_page")


# ---------------------------------------------------------------- databases (real SQLite file and PostgreSQL)


@pytest.fixture(scope="session")
def postgres_server():
    from pgserver import PostgresServer

    with PostgresServer() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A migrated, empty database of each kind; no mocks."""
    from storage import make_engine, migrate

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        name = f"t_{request.node.name.split('[')[0][-40:].lower()}_{abs(hash(request.node.nodeid)) % 10**6}"
        url = request.getfixturevalue("postgres_server").new_database(name)
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
