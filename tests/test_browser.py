"""What only a real browser shows: the quiz by keyboard and mouse, downloads, links, phones.

Runs Playwright against Debian's chromium (installed by the fixture when missing) and a live
``streamlit run app.py`` server on loopback. Every page is photographed at phone and desktop width
in both languages into test-artifacts/ on every run, so a person can look.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from browser import choose, download, label_of, option, settled, shown_labels, take_whole_quiz
from conftest import ARTIFACTS, answers_favouring, answers_for_profile
from scoring import decode_token, encode_answers, load_overview, match_jobs, option_order, score_answers

PHONE, DESKTOP = (375, 812), (1366, 900)


def verdict_texts(page) -> list[str]:
    """The summary card's heading and its lines on each named role's fit and what it means."""
    card = ".st-key-results-summary"
    return page.locator(f"{card} h3, {card} [data-testid=stCaptionContainer]").all_inner_texts()


def open_section(page, title: str) -> None:
    """Open a section of Results (each is built only when opened) and wait until it is filled."""
    section = page.get_by_test_id("stExpander").filter(has_text=title)
    section.locator("summary").click()
    expect(section.get_by_test_id("stExpanderDetails").get_by_test_id("stElementContainer").first).to_be_visible()
    settled(page)


def like_role(bank, role_id: str) -> dict:
    role = bank.role(role_id)
    return answers_for_profile(bank, {s: role.level(s) for s in bank.scale_ids})


# ---------------------------------------------------------------- the whole quiz, downloads, sharing


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_browser_whole_quiz_in_each_language_then_every_download(
    app_server, browser_page, bank, strings, tmp_path, lang
):
    page = browser_page
    answers = like_role(bank, "accounting")
    scores = score_answers(answers, bank)
    page.goto(f"{app_server.url}/?lang={lang}")
    page.get_by_role("button", name=strings("home.start", lang)).click()
    take_whole_quiz(page, bank, answers, lang)

    card = page.locator(".st-key-results-summary")
    expect(card.get_by_role("heading", name=bank.role("accounting").name(lang))).to_be_visible()
    token = re.search(r"[?&]a=([^&]+)", page.url).group(1)
    assert decode_token(token, bank).answers == answers

    open_section(page, strings("results.keep_title", lang))
    saved = download(page, strings("results.download_csv", lang))  # CSV, headers in the page's language
    table = pd.read_csv(saved, encoding="utf-8-sig")
    assert list(table.columns) == [strings(f"results.csv_{c}", lang) for c in ("section", "id", "name", "score")]
    traits = table[table.iloc[:, 0] == strings("results.section_trait", lang)].set_index(table.columns[1])
    for trait_id in bank.trait_ids:
        assert traits.loc[trait_id].iloc[-1] == pytest.approx(scores[trait_id], abs=0.01)

    saved = download(page, strings("results.download_json", lang))  # JSON, a quieter button below CSV
    record = json.loads(saved.read_text(encoding="utf-8"))
    assert record["roles"][0]["id"] == "accounting" and record["answers"] == answers
    page.keyboard.press("Escape")

    report = download(page, strings("results.download_report", lang)).read_text(encoding="utf-8")  # printable
    for trait in bank.traits:
        assert f"<th>{trait.name(lang)}</th><td class='num'>{scores[trait.id]:.0f}</td>" in report


@pytest.mark.parametrize(("first", "second"), [("ja", "en"), ("en", "ja")])
def test_browser_switching_language_mid_quiz_keeps_every_answer(app_server, browser_page, bank, strings, first, second):
    page = browser_page
    answers = like_role(bank, "hr")
    screen = bank.screens[0]
    page.goto(f"{app_server.url}/quiz?lang={first}")
    choose(page, bank, screen[0], answers[screen[0].id], first)
    choose(page, bank, screen[1], answers[screen[1].id], first)
    page.locator(".st-key-app-chrome").get_by_text(strings("app.lang_name", second), exact=True).click()
    expect(page.get_by_role("heading", name=strings("quiz.title", second))).to_be_visible()
    for item in screen[:2]:  # what was answered before the switch is still chosen, now in the other language
        expect(option(page, item, label_of(bank, item, answers[item.id], second)).locator("input")).to_be_checked()
    for item in screen[2:]:
        choose(page, bank, item, answers[item.id], second)
    page.locator(".st-key-quiz-next button").click()
    expect(page.locator(f".st-key-quiz-card-{bank.screens[1][0].id}")).to_be_visible()
    assert not page.get_by_test_id("stException").count()
    answered = len(screen)  # nothing lost, nothing counted twice
    progress = f"{answered}/{len(bank.items)}" if second == "ja" else f"{answered} of {len(bank.items)}"
    expect(page.get_by_test_id("stProgress")).to_contain_text(progress)
    token = re.search(r"[?&]a=([^&]+)", page.url).group(1)
    assert decode_token(token, bank).answers == {item.id: answers[item.id] for item in screen}


def test_browser_a_share_link_reproduces_the_option_order_and_the_results(app_server, chromium, bank, strings):
    answers = like_role(bank, "rpa_engineer")
    first = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = first.new_page()
    page.goto(f"{app_server.url}/quiz?lang=en")
    situation = next(i for s in bank.screens for i in s if i.kind == "situational")
    order_seen = shown_labels(page, situation)
    take_whole_quiz(page, bank, answers, "en")
    expect(page.locator(".st-key-results-summary h3")).to_have_text(bank.role("rpa_engineer").name("en"))
    card = verdict_texts(page)
    token = re.search(r"[?&]a=([^&]+)", page.url).group(1)
    seed = decode_token(token, bank).seed
    assert order_seen == [situation.options[n - 1].text("en") for n in option_order(situation.id, 4, seed)]
    first.close()

    other = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")  # someone else opens it
    page = other.new_page()
    page.goto(f"{app_server.url}/results?lang=en&a={token}")
    # the same verdict (the answer-quality notice differs: how fast they answered is not in the link)
    expect(page.locator(".st-key-results-summary h3")).to_have_text(bank.role("rpa_engineer").name("en"))
    assert verdict_texts(page) == card
    partial = encode_answers({i.id: answers[i.id] for i in bank.screens[0][:3]}, bank, seed)
    page.goto(f"{app_server.url}/quiz?lang=en&a={partial}")  # a resumed quiz shows the same order
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"3 of {len(bank.items)}")
    assert shown_labels(page, situation) == order_seen
    other.close()


@pytest.mark.locale("en-US")
def test_browser_english_locale_opens_in_english(app_server, browser_page, strings):
    browser_page.goto(app_server.url)
    expect(browser_page.get_by_role("heading", name=strings("home.title", "en"))).to_be_visible()
    expect(browser_page).to_have_url(re.compile(r"lang=en"))


def test_browser_first_visitor_to_a_deep_link_of_a_fresh_server_gets_the_whole_app(browser_page, strings):
    # the very first request a new server process sees is /quiz (see ui/compat.py)
    from browser import AppServer

    with AppServer() as fresh:
        browser_page.goto(f"{fresh.url}/quiz?lang=en")
        expect(browser_page.get_by_role("heading", name=strings("quiz.title", "en"), level=1)).to_be_visible()
        expect(browser_page.get_by_role("link", name=strings("nav.home", "en"))).to_be_visible()
        expect(browser_page.get_by_text(strings("app.footer", "en"))).to_be_visible()


def test_browser_reload_mid_quiz_resumes_where_the_person_was(app_server, browser_page, bank):
    page = browser_page
    page.goto(f"{app_server.url}/quiz?lang=ja")
    first, second = bank.screens[0], bank.screens[1]
    for item in first:
        choose(page, bank, item, 2, "ja")
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"{len(first)}/{len(bank.items)}")
    page.locator(".st-key-quiz-next button").click()
    choose(page, bank, second[0], 4, "ja")
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"{len(first) + 1}/{len(bank.items)}")
    page.reload()
    expect(option(page, second[0], label_of(bank, second[0], 4, "ja")).locator("input")).to_be_checked()
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"{len(first) + 1}/{len(bank.items)}")


# ---------------------------------------------------------------- phones


@pytest.mark.viewport(*PHONE)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_browser_phone_quiz_options_are_one_column_of_thumb_sized_rows(app_server, browser_page, bank, lang):
    page = browser_page
    page.goto(f"{app_server.url}/quiz?lang={lang}")
    for item in bank.screens[0]:
        rows = page.locator(f".st-key-quiz-card-{item.id} [data-testid=stRadioOption]")
        expect(rows.first).to_be_visible()
        boxes = [rows.nth(k).bounding_box() for k in range(rows.count())]
        assert all(box["height"] >= 44 for box in boxes), (item.id, boxes)  # tap target
        assert len({round(box["x"]) for box in boxes}) == 1  # one column
        assert all(box["width"] >= 280 for box in boxes)  # full width
        size = rows.first.locator("p").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
        assert size >= 16


@pytest.mark.viewport(*PHONE)
def test_browser_phone_after_next_and_back_the_new_screen_starts_in_view(app_server, browser_page, bank):
    page = browser_page
    page.goto(f"{app_server.url}/quiz?lang=ja")
    for item in bank.screens[0]:
        choose(page, bank, item, 3, "ja")
    page.locator(".st-key-quiz-next button").click()

    def in_view(locator) -> bool:
        box = locator.bounding_box()
        return box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 200) <= PHONE[1]

    second = page.locator(f".st-key-quiz-card-{bank.screens[1][0].id}")
    expect(second).to_be_visible()
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    assert in_view(second) and in_view(page.get_by_test_id("stProgress"))
    page.locator(".st-key-quiz-back button").click()
    first = page.locator(f".st-key-quiz-card-{bank.screens[0][0].id}")
    expect(first).to_be_visible()
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    assert in_view(first) and in_view(page.get_by_test_id("stProgress"))


@pytest.mark.viewport(*PHONE)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_browser_phone_results_start_with_the_summary_card_naming_a_role(app_server, browser_page, bank, lang):
    answers = like_role(bank, "customer_support")
    best = match_jobs(score_answers(answers, bank), bank)[0]
    page = browser_page
    page.goto(f"{app_server.url}/results?lang={lang}&a={encode_answers(answers, bank, 'ph01')}")
    card = page.locator(".st-key-results-summary")
    expect(card).to_contain_text(best.role.name(lang))
    # nothing between the title and the card, and the card's heading is on the first screen; measured in one
    # go, as the page's chrome still settles by a few pixels while it loads
    between, heading = page.evaluate(
        """() => {
            const title = document.querySelector("h1").getBoundingClientRect();
            const card = document.querySelector(".st-key-results-summary");
            return [card.getBoundingClientRect().top - title.bottom, card.querySelector("h3").getBoundingClientRect().top];
        }"""
    )
    assert 0 <= between < 48
    assert heading < PHONE[1]


# ---------------------------------------------------------------- every page, two widths, two languages

PAGES = ["/", "/overview", "/quiz", "/results?a={token}", "/methodology", "/delete", "/advisor"]


def page_name(path: str) -> str:
    return path.strip("/").split("?")[0] or "home"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", PAGES, ids=page_name)
def test_browser_every_page_fits_the_screen_and_stays_on_its_own_origin(app_server, chromium, bank, path, lang, size):
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="ja-JP")
    page = context.new_page()
    elsewhere = []
    page.on("request", lambda r: r.url.startswith(("data:", "blob:", app_server.url)) or elsewhere.append(r.url))
    token = encode_answers(answers_favouring(bank, {"learning", "detail"}, {"it"}), bank, "sh07")
    url = f"{app_server.url}{path.format(token=token)}"
    page.goto(url + ("&" if "?" in url else "?") + f"lang={lang}")
    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain]')].map(e => e.scrollHeight), 800)"
    )
    page.set_viewport_size({"width": size[0], "height": min(int(height), 14000)})
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)  # every widget drawn, not its placeholder
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{page_name(path)}-{lang}-{size[0]}.png"), full_page=True)
    context.close()
    assert overflow <= 0, "nothing may scroll sideways"
    assert not elsewhere, elsewhere


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_browser_the_report_fits_a_phone_and_prints_on_one_a4_page(chromium, bank, lang):
    from scoring import build_result, default_precision, load_strings
    from ui.report import build_report

    result = build_result(like_role(bank, "hr"), bank, load_overview(bank=bank), default_precision(bank))
    html = build_report(result, bank, load_strings(), lang).decode("utf-8")
    context = chromium.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    page.set_content(html)
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    size = page.locator("p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 14
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}-{PHONE[0]}.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    context.close()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # printed by Chromium: one sheet of A4


# ---------------------------------------------------------------- keyboard only, both languages


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit: int = 150) -> None:
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
    answers = like_role(bank, "bpo_project_manager")
    page.goto(f"{app_server.url}/?lang={lang}")
    page.locator("body").focus()

    tab_to(page, page.get_by_role("button", name=strings("home.read_overview", lang)))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=strings("overview.title", lang), level=1)).to_be_visible()

    tab_to(page, page.get_by_role("link", name=strings("nav.quiz", lang)))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=strings("quiz.title", lang), level=1)).to_be_visible()

    for number, screen in enumerate(bank.screens, start=1):
        for item in screen:
            radios = page.locator(f".st-key-quiz-card-{item.id} input[type=radio]")
            tab_to(page, radios.first)
            page.keyboard.press("Space")
            position = shown_labels(page, item).index(label_of(bank, item, answers[item.id], lang))
            for _ in range(position):
                page.keyboard.press("ArrowRight")
            expect(radios.nth(position)).to_be_checked()
        done = sum(len(s) for s in bank.screens[:number])
        expect(page.get_by_test_id("stProgress")).to_contain_text(str(done))
        last = number == len(bank.screens)
        tab_to(page, page.locator(".st-key-quiz-finish button" if last else ".st-key-quiz-next button"))
        page.keyboard.press("Enter")

    expect(page.locator(".st-key-results-summary h3")).to_have_text(bank.role("bpo_project_manager").name(lang))


# ---------------------------------------------------------------- consent, deletion, cohorts, advisors


def test_browser_consent_then_delete_with_the_code(app_server, browser_page, bank, strings):
    page = browser_page
    page.goto(f"{app_server.url}/quiz?lang=en")
    take_whole_quiz(page, bank, like_role(bank, "sales_assistant"), "en")  # only the quiz-taker may save
    open_section(page, strings("results.save_title", "en"))
    save = page.locator(".st-key-results-save button")
    expect(save).to_be_disabled()
    page.get_by_text(strings("results.consent", "en")).click()
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_text(strings("results.saved", "en"))).to_be_visible()
    code = page.get_by_test_id("stCode").filter(has_text=re.compile(r"^[A-Z2-9]{4}-")).first.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    page.goto(f"{app_server.url}/delete?lang=en")
    page.get_by_label(strings("delete.code_label", "en")).fill(code)
    page.get_by_role("button", name=strings("delete.submit", "en")).click()
    expect(page.get_by_text(strings("delete.done", "en"))).to_be_visible()
    page.get_by_role("button", name=strings("delete.submit", "en")).click()
    expect(page.get_by_text(strings("delete.not_found", "en"))).to_be_visible()


def test_browser_copy_button_copies_the_share_link_on_a_touch_screen(app_server, chromium, bank, strings):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_server.url)
    page = context.new_page()
    token = encode_answers(like_role(bank, "hr"), bank, "cp01")
    page.goto(f"{app_server.url}/results?lang=en&a={token}")
    open_section(page, strings("results.keep_title", "en"))
    copy = page.get_by_role("button", name=strings("results.copy", "en"))
    expect(copy).to_be_visible()  # visible without hovering
    copy.tap()
    expect(page.get_by_text(strings("results.copied", "en"))).to_be_visible()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith(f"/results?lang=en&a={token}")
    context.close()


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


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", PAGES, ids=page_name)
def test_browser_accessibility_no_serious_or_critical_violations(app_server, browser_page, bank, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    token = encode_answers(answers_favouring(bank, {"learning"}, {"it"}), bank, "ax01")
    url = f"{app_server.url}{path.format(token=token)}"
    browser_page.goto(url + ("&" if "?" in url else "?") + f"lang={lang}")
    expect(browser_page.locator("h1").first).to_be_visible()
    expect(browser_page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0)
    expect(browser_page.locator("html")).to_have_attribute("lang", lang)  # set by the app's chrome as it renders
    violations = Axe().run(browser_page).response["violations"]
    serious = [
        (v["id"], v["impact"], v["nodes"][0]["html"][:160])
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious


def test_browser_kiosk_left_untouched_mid_quiz_starts_over_for_the_next_person(app_server, browser_page, bank, strings):
    from ui.visitor import KIOSK_IDLE_MINUTES

    page = browser_page
    page.clock.install()
    page.goto(f"{app_server.url}/?lang=en&kiosk=1")
    page.get_by_role("button", name=strings("home.start", "en")).click()
    first = bank.screens[0]
    choose(page, bank, first[0], 4, "en")
    # someone still reading is never thrown out: activity restarts the count
    page.clock.run_for(int(KIOSK_IDLE_MINUTES * 60_000) - 20_000)
    choose(page, bank, first[1], 4, "en")
    page.clock.run_for(int(KIOSK_IDLE_MINUTES * 60_000) - 20_000)
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"2 of {len(bank.items)}")
    # walked away: after the idle time the kiosk is back on Home, with nothing of that person kept
    page.clock.run_for(40_000)
    expect(page.get_by_role("heading", name=strings("home.title", "en"))).to_be_visible()
    assert "kiosk=1" in page.url and "a=" not in page.url
    page.get_by_role("button", name=strings("home.start", "en")).click()
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"0 of {len(bank.items)}")
