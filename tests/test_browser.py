"""What only a real browser shows: the quiz by keyboard and mouse, downloads, links, phone width.

Runs Playwright against Debian's chromium (installed by the fixture when missing) and a live
``streamlit run app.py`` server on loopback.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from conftest import answers_favouring
from scoring import encode_answers, match_jobs, score_answers

PER_SCREEN = 7


def choose(page, item, value: int, by_keyboard: bool) -> None:
    """Pick option ``value`` of ``item``: Space on the focused radio, or a click on its label."""
    widget = page.locator(f".st-key-quiz-{item.id}")
    option = widget.locator("input[type=radio]").nth(value - 1)
    if by_keyboard:
        option.focus()
        page.keyboard.press("Space")
    else:
        widget.get_by_test_id("stRadioOption").nth(value - 1).click()
    expect(option).to_be_checked()


def press(page, key: str, by_keyboard: bool) -> None:
    button = page.locator(f".st-key-{key} button")
    if by_keyboard:
        button.focus()
        page.keyboard.press("Enter")
    else:
        button.click()


def test_browser_whole_quiz_by_keyboard_and_mouse_then_every_download(
    app_server, browser_page, bank, strings, tmp_path
):
    page = browser_page
    answers = answers_favouring(bank, {"detail", "planning"})
    scores = score_answers(answers, bank)
    best = match_jobs(scores, bank)[0]

    page.goto(f"{app_server.url}/?lang=en")
    page.get_by_role("button", name=strings("home.start", "en")).click()
    screens = [bank.items[i : i + PER_SCREEN] for i in range(0, len(bank.items), PER_SCREEN)]
    for index, screen in enumerate(screens):
        by_keyboard = index % 2 == 1  # alternate: mouse on screens 1, 3, 5; keyboard on 2 and 4
        expect(page.locator(f".st-key-quiz-{screen[0].id}")).to_be_visible()
        for item in screen:
            choose(page, item, answers[item.id], by_keyboard)
        # the server has stored every answer on this screen once the progress text says so
        answered = sum(len(s) for s in screens[: index + 1])
        expect(page.get_by_test_id("stProgress")).to_contain_text(f"{answered} / {len(bank.items)}")
        press(page, "quiz-finish" if index == len(screens) - 1 else "quiz-next", by_keyboard)

    headline = page.get_by_test_id("stAlertContentSuccess")
    expect(headline).to_contain_text(best.role.name("en"))
    expect(page).to_have_url(re.compile(rf"/results\?.*a={re.escape(encode_answers(answers, bank))}"))

    # CSV
    with page.expect_download() as download:
        page.get_by_role("button", name=strings("results.download_csv", "en")).click()
    csv_path = tmp_path / "scores.csv"
    download.value.save_as(csv_path)
    table = pd.read_csv(csv_path, encoding="utf-8-sig")
    traits = table[table["section"] == "trait"].set_index("id")["score"]
    for trait_id, value in scores.items():
        assert traits[trait_id] == pytest.approx(value, abs=0.01)

    # JSON
    with page.expect_download() as download:
        page.get_by_role("button", name=strings("results.download_json", "en")).click()
    record = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert record["roles"][0]["id"] == best.role.id
    assert record["answers"] == answers

    # printable report
    with page.expect_download() as download:
        page.get_by_role("button", name=strings("results.download_report", "en")).click()
    report = download.value.path().read_text(encoding="utf-8")
    for trait in bank.traits:
        assert f"<th>{trait.name('en')}</th><td class='num'>{scores[trait.id]:.0f}</td>" in report


@pytest.mark.viewport(375, 812)
def test_browser_share_link_in_a_new_phone_browser_shows_the_same_result(app_server, browser_page, bank):
    answers = answers_favouring(bank, {"learning", "flexibility"})
    best = match_jobs(score_answers(answers, bank), bank)[0]
    page = browser_page
    page.goto(f"{app_server.url}/results?lang=ja&a={encode_answers(answers, bank)}")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(best.role.name("ja"))
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "nothing may scroll sideways at 375 px"


def test_browser_first_visitor_to_a_deep_link_of_a_fresh_server_gets_the_whole_app(browser_page, strings):
    # the very first request a new server process sees is /quiz (see ui/compat.py)
    from browser import AppServer

    with AppServer() as fresh:
        browser_page.goto(f"{fresh.url}/quiz?lang=en")
        expect(browser_page.get_by_role("heading", name=strings("quiz.title", "en"), level=1)).to_be_visible()
        expect(browser_page.get_by_role("link", name=strings("nav.home", "en"))).to_be_visible()
        expect(browser_page.get_by_text(strings("app.footer", "en"))).to_be_visible()


@pytest.mark.locale("en-US")
def test_browser_english_locale_opens_in_english(app_server, browser_page, strings):
    browser_page.goto(app_server.url)
    expect(browser_page.get_by_role("heading", name=strings("home.title", "en"))).to_be_visible()
    expect(browser_page).to_have_url(re.compile(r"lang=en"))


def test_browser_reload_mid_quiz_resumes_where_the_person_was(app_server, browser_page, bank):
    page = browser_page
    page.goto(f"{app_server.url}/quiz?lang=ja")
    answers = {item.id: 2 if item.kind == "likert" else 1 for item in bank.items[:PER_SCREEN]}
    for item in bank.items[:PER_SCREEN]:
        choose(page, item, answers[item.id], by_keyboard=False)
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"{PER_SCREEN} / {len(bank.items)}")
    press(page, "quiz-next", by_keyboard=False)
    eighth = bank.items[PER_SCREEN]
    choose(page, eighth, 4, by_keyboard=False)
    answers[eighth.id] = 4
    expect(page).to_have_url(re.compile(re.escape(encode_answers(answers, bank))))
    page.reload()
    expect(page.locator(f".st-key-quiz-{eighth.id} input[type=radio]").nth(3)).to_be_checked()
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"{PER_SCREEN + 1} / {len(bank.items)}")


# ---------------------------------------------------------------- keyboard only, both languages


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit: int = 120) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {locator} with the Tab key")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_browser_keyboard_only_from_home_through_overview_and_quiz_to_results(
    app_server, browser_page, bank, strings, lang
):
    page = browser_page
    answers = answers_favouring(bank, {"composure", "flexibility"})
    best = match_jobs(score_answers(answers, bank), bank)[0]
    page.goto(f"{app_server.url}/?lang={lang}")
    page.locator("body").focus()

    learn = page.get_by_role("button", name=strings("home.read_overview", lang))
    tab_to(page, learn)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=strings("overview.title", lang), level=1)).to_be_visible()

    quiz_link = page.get_by_role("link", name=strings("nav.quiz", lang))
    tab_to(page, quiz_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=strings("quiz.title", lang), level=1)).to_be_visible()

    for start in range(0, len(bank.items), PER_SCREEN):
        screen = bank.items[start : start + PER_SCREEN]
        for item in screen:
            radios = page.locator(f".st-key-quiz-{item.id} input[type=radio]")
            tab_to(page, radios.first)
            page.keyboard.press("Space")
            for _ in range(answers[item.id] - 1):
                page.keyboard.press("ArrowRight")
            expect(radios.nth(answers[item.id] - 1)).to_be_checked()
        done = start + len(screen)
        expect(page.get_by_test_id("stProgress")).to_contain_text(f"{done} / {len(bank.items)}")
        button = page.locator(".st-key-quiz-finish button" if done == len(bank.items) else ".st-key-quiz-next button")
        tab_to(page, button)
        page.keyboard.press("Enter")

    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(best.role.name(lang))


# ---------------------------------------------------------------- consent, deletion, cohorts, advisors


def test_browser_consent_then_delete_with_the_code(app_server, browser_page, bank, strings):
    page = browser_page
    token = encode_answers(answers_favouring(bank, {"detail"}), bank)
    page.goto(f"{app_server.url}/results?lang=en&a={token}")
    save = page.locator(".st-key-results-save button")
    expect(save).to_be_disabled()
    page.get_by_text(strings("results.consent", "en")).click()
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_text(strings("results.saved", "en"))).to_be_visible()
    code = page.get_by_test_id("stCode").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    page.goto(f"{app_server.url}/delete?lang=en")
    page.get_by_label(strings("delete.code_label", "en")).fill(code)
    page.get_by_role("button", name=strings("delete.submit", "en")).click()
    expect(page.get_by_text(strings("delete.done", "en"))).to_be_visible()
    page.get_by_role("button", name=strings("delete.submit", "en")).click()
    expect(page.get_by_text(strings("delete.not_found", "en"))).to_be_visible()


def test_browser_cohort_join_link_shows_the_group(app_server, browser_page, strings):
    from storage import create_cohort, database_url, make_engine, migrate

    engine = make_engine(database_url())
    migrate(engine)
    cohort = create_cohort(engine, "<i>渋谷</i> セミナー")
    page = browser_page
    page.goto(f"{app_server.url}/?lang=ja&cohort={cohort.code}")
    expect(page.get_by_text("「<i>渋谷</i> セミナー」")).to_be_visible()  # shown as typed, not as HTML
    expect(page.locator("main i")).to_have_count(0)
    page.get_by_role("link", name=strings("nav.quiz", "ja")).click()
    expect(page).to_have_url(re.compile(f"cohort={cohort.code}"))


def test_browser_advisor_login_dashboard_and_bad_upload(app_server, browser_page, bank, strings, tmp_path):
    from conftest import BROWSER_ADVISOR_PASSWORD

    page = browser_page
    page.goto(f"{app_server.url}/advisor?lang=en")
    page.get_by_label(strings("advisor.password", "en"), exact=True).fill("wrong")
    page.get_by_role("button", name=strings("advisor.login", "en")).click()
    expect(page.get_by_text(strings("advisor.wrong_password", "en"))).to_be_visible()
    page.get_by_label(strings("advisor.password", "en"), exact=True).fill(BROWSER_ADVISOR_PASSWORD)
    page.get_by_role("button", name=strings("advisor.login", "en")).click()

    page.get_by_role("tab", name=strings("advisor.tab_demo", "en")).click()
    page.get_by_role("button", name=strings("advisor.demo_fill", "en")).click()
    expect(
        page.get_by_text(strings("advisor.demo_done", "en", name=strings("advisor.demo_name", "en"), n=60))
    ).to_be_visible()

    page.get_by_role("tab", name=strings("advisor.tab_dashboard", "en")).click()
    expect(page.get_by_text(strings("advisor.distributions", "en"))).to_be_visible()
    expect(page.locator("[data-testid=stVegaLiteChart]").first).to_be_visible()

    page.get_by_role("tab", name=strings("advisor.tab_bulk", "en")).click()
    bad = tmp_path / "answers.csv"
    bad.write_bytes("id,Q01\n1,3\n".encode("utf-16"))
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(bad))
    expect(page.get_by_text(strings("file_error.encoding", "en"))).to_be_visible()


# ---------------------------------------------------------------- accessibility (axe-core)

A11Y_PAGES = ["/", "/overview", "/quiz", "/results?a={token}", "/methodology", "/delete", "/advisor"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", A11Y_PAGES)
def test_browser_accessibility_no_serious_or_critical_violations(app_server, browser_page, bank, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    token = encode_answers(answers_favouring(bank, {"learning"}), bank)
    url = f"{app_server.url}{path.format(token=token)}"
    browser_page.goto(url + ("&" if "?" in url else "?") + f"lang={lang}")
    expect(browser_page.locator("h1").first).to_be_visible()
    expect(browser_page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    violations = Axe().run(browser_page).response["violations"]
    serious = [
        (v["id"], v["impact"], v["nodes"][0]["html"][:160])
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious
