"""The app, page by page, as a job seeker uses it (streamlit.testing AppTest)."""

from __future__ import annotations

import ast

import pytest

from conftest import (
    ROOT,
    answer_screen,
    answers_favouring,
    complete_quiz,
    foreign_token,
    open_app,
    open_keep_section,
    open_sections,
    summary_card,
    take_quiz,
    texts,
    uniform_answers,
)
from scoring import encode_answers, load_overview, load_strings, match_jobs, score_answers
from ui.report import build_report

PAGES = ["home", "overview", "quiz", "results", "methodology"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_each_language(page, lang, strings):
    at = open_app(page, lang=lang)
    assert not at.exception
    assert at.title, "every page has a title"
    title_keys = {
        "home": "home.title",
        "overview": "overview.title",
        "quiz": "quiz.title",
        "results": "results.title",
        "methodology": "method.title",
    }
    assert at.title[0].value == strings(title_keys[page], lang)
    assert at.query_params["lang"] == lang


def test_app_is_japanese_by_default(strings):
    at = open_app()
    assert at.title[0].value == strings("home.title", "ja")
    assert at.query_params["lang"] == "ja"


@pytest.mark.parametrize("bad", ["fr", "<script>alert(1)</script>", "", "EN"])
def test_app_unknown_lang_says_so_and_falls_back(bad, strings):
    at = open_app(lang=bad)
    assert not at.exception
    assert at.warning[0].value == strings("app.unknown_lang", "ja")
    assert at.query_params["lang"] == "ja"
    assert "<script>" not in texts(at)


def test_app_language_switch_changes_every_string_and_the_url(strings):
    at = open_app()
    at.get("button_group")[0].set_value("en").run()
    assert at.title[0].value == strings("home.title", "en")
    assert at.query_params["lang"] == "en"
    # the choice sticks for the rest of the session
    at.switch_page("pages/quiz.py").run()
    assert at.button(key="quiz.next").label == strings("quiz.next", "en")


@pytest.mark.parametrize(
    ("strong", "wants", "role"),
    [
        ({"detail", "planning"}, {"numbers"}, "accounting"),
        ({"learning", "detail"}, {"it"}, "rpa_engineer"),
        ({"composure", "flexibility"}, {"customers"}, "customer_support"),
        ({"planning", "composure"}, {"coordination"}, "bpo_project_manager"),
    ],
)
def test_quiz_full_run_person_who_answers_like_a_role_sees_it_named_first(bank, strings, strong, wants, role):
    answers = answers_favouring(bank, strong, wants)
    at = take_quiz(open_app(lang="en"), answers)
    assert not at.exception
    assert match_jobs(score_answers(answers, bank), bank)[0].role.id == role
    card = summary_card(at)
    assert (
        bank.role(role).name("en") in card and bank.role(role).category and card.index(bank.role(role).name("en")) >= 0
    )
    assert at.query_params["a"] == encode_answers(answers, bank, at.session_state["quiz.seed"])


def test_quiz_next_refuses_and_marks_each_unanswered_question_where_it_is(bank, strings):
    at = open_app("quiz")
    first = bank.screens[0]
    at.radio(key=f"quiz.ja.{first[0].id}").set_value(3).run()
    at.radio(key=f"quiz.ja.{first[4].id}").set_value(3).run()
    at.button(key="quiz.next").click().run()
    assert at.error[0].value == strings("quiz.unanswered", "ja", numbers="2、3、4、6、7")
    assert texts(at).count(strings("quiz.needs_answer", "ja")) == 5  # a mark beside each of them
    assert at.radio(key=f"quiz.ja.{first[0].id}").value == 3  # still on the first screen
    for item in first[1:4]:
        at.radio(key=f"quiz.ja.{item.id}").set_value(2).run()
    assert at.error[0].value == strings("quiz.unanswered", "ja", numbers="6、7")  # shrinks as they answer
    for item in first[5:]:
        at.radio(key=f"quiz.ja.{item.id}").set_value(2).run()
    assert not at.error and strings("quiz.needs_answer", "ja") not in texts(at)


def test_quiz_questions_come_in_mixed_order_seven_per_screen(bank):
    at = open_app("quiz")
    shown = [r.key.removeprefix("quiz.ja.") for r in at.radio if r.key.startswith("quiz.ja.")]
    assert len(shown) == 7
    traits = {bank.item(i).trait for i in shown}
    assert len(traits) == 5


def test_quiz_answers_survive_going_to_another_page_and_back(bank):
    answers = uniform_answers(bank, 4)
    at = open_app("quiz")
    answer_screen(at, answers)
    at.button(key="quiz.next").click().run()
    second = bank.screens[1][0].id
    at.radio(key=f"quiz.ja.{second}").set_value(2).run()
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/quiz.py").run()
    assert at.radio(key=f"quiz.ja.{second}").value == 2
    at.button(key="quiz.back").click().run()
    assert at.radio(key=f"quiz.ja.{bank.screens[0][0].id}").value == 4


def test_quiz_reload_mid_quiz_resumes_from_the_link(bank, strings):
    first, second = bank.screens[0], bank.screens[1]
    answers = {item.id: 2 for item in (*first, *second[:3])}
    at = open_app("quiz", a=encode_answers(answers, bank))
    assert not at.exception
    # the first screen is full, the second has 3 answered: resume on screen 2
    assert at.radio(key=f"quiz.ja.{second[0].id}").value == 2
    assert at.radio(key=f"quiz.ja.{second[3].id}").value is None
    expected = strings(
        "quiz.progress", "ja", answered=len(answers), total=len(bank.items), screen=2, screens=len(bank.screens)
    )
    assert at.get("progress")[0].proto.text == expected


@pytest.mark.parametrize("page", ["quiz", "results"])
@pytest.mark.parametrize(
    ("token", "notice"),
    [
        ("garbage", "invalid"),
        ("aa863602-123-0000", "invalid"),
        ("<img src=x onerror=alert(1)>", "invalid"),
        ("0" * 5000, "invalid"),
        ("deadbeef-" + "3" * 35 + "-0000", "invalid"),  # right shape, wrong checksum
        (None, "other_version"),  # a checked token from an earlier question set
    ],
)
def test_tampered_token_gives_a_message_and_a_fresh_start(page, token, notice, bank, strings):
    at = open_app(page, a=token or foreign_token(bank))
    assert not at.exception
    assert at.warning[0].value == strings(f"token.{notice}", "ja")
    if page == "quiz":
        assert at.session_state["quiz.answers"] == {}
        assert "a" not in at.query_params


def test_results_share_link_in_fresh_session_shows_the_same_numbers_in_either_language(bank, strings):
    answers = answers_favouring(bank, {"learning", "detail"}, {"it"})
    first = open_keep_section(take_quiz(open_app(lang="ja"), answers))
    token = first.query_params["a"]
    share = next(c.value for c in first.code if "/results?" in c.value)
    assert f"a={token}" in share and "lang=ja" in share
    scores = score_answers(answers, bank)
    best = match_jobs(scores, bank)[0]
    for lang in ("ja", "en"):
        again = open_sections(open_app("results", lang=lang, a=token), "traits")
        shown = texts(again)
        for scale in bank.scale_ids:
            name = bank.scale(scale).name(lang)
            assert f"**{name}{'：' if lang == 'ja' else ': '}{scores[scale]:.0f}**" in shown
        assert best.role.name(lang) in summary_card(again)


def test_results_without_answers_points_to_the_quiz_and_keeps_the_footer(bank, strings):
    at = open_app("results")
    assert at.info[0].value == strings("results.not_started", "ja", minutes=bank.minutes_needed)
    assert at.caption[-1].value == strings("app.footer", "ja")  # the page ends like every other page
    at.button(key="results.start").click().run()
    assert at.title[0].value == strings("quiz.title", "ja")


def test_results_partial_link_offers_to_continue(bank, strings):
    at = open_app("results", lang="en", a=encode_answers({"Q01": 3, "Q03": 4}, bank))
    assert at.info[0].value == strings("results.incomplete", "en", answered=2, total=len(bank.items))
    at.button(key="results.continue").click().run()
    assert at.radio(key="quiz.en.Q01").value == 3


def test_results_retake_then_compare_with_previous_attempt(bank, strings):
    at = take_quiz(open_app(lang="en"), answers_favouring(bank, {"detail"}))
    assert strings("results.compare_title", "en") not in [e.label for e in at.expander]
    at.button(key="results.retake").click().run()
    assert at.title[0].value == strings("quiz.title", "en")
    assert at.radio(key="quiz.en.Q01").value is None  # a fresh start
    complete_quiz(at, answers_favouring(bank, {"composure"}))
    assert strings("results.compare_title", "en") in [e.label for e in at.expander]


def chart_specs(at) -> list[tuple[str, tuple[bytes, ...]]]:
    """Each chart's spec and its rows (Streamlit sends a spec's named datasets apart from it)."""
    return [
        (chart.proto.spec, tuple(d.SerializeToString() for d in chart.proto.datasets))
        for chart in at.get("vega_lite_chart")
    ]


def test_results_charts_follow_the_answers_after_a_retake_and_a_language_switch(bank):
    # the page keeps its charts in the session between reruns; they must never outlive the answers
    at = open_sections(take_quiz(open_app(lang="en"), answers_favouring(bank, {"detail"})))
    before = chart_specs(at)
    at.button(key="results.retake").click().run()
    open_sections(complete_quiz(at, answers_favouring(bank, {"composure"}, {"customers"})))
    fresh = open_sections(open_app("results", lang="en", a=at.query_params["a"]))
    assert len(chart_specs(fresh)) == 3
    assert chart_specs(at)[:3] == chart_specs(fresh) and chart_specs(at)[:3] != before
    open_sections(at.segmented_control(key="app.lang_switch").set_value("ja").run())
    assert chart_specs(at)[:3] == chart_specs(open_sections(open_app("results", lang="ja", a=at.query_params["a"])))


def test_results_explain_top_three_roles(bank, strings):
    answers = answers_favouring(bank, {"detail", "planning"}, {"numbers"})
    at = open_sections(open_app("results", lang="en", a=encode_answers(answers, bank)), "roles")
    shown = texts(at)
    matches = match_jobs(score_answers(answers, bank), bank)
    for rank, match in enumerate(matches[:3], start=1):
        assert (
            strings("results.role_heading", "en", rank=rank, role=match.role.name("en"), fit=f"{match.fit:.0f}")
            in shown
        )
        assert match.role.first_step("en") in shown


def test_report_contains_the_scores_the_verdict_and_embedded_charts(bank):
    from scoring import build_result, default_precision

    answers = answers_favouring(bank, {"planning"}, {"coordination"})
    result = build_result(answers, bank, load_overview(bank=bank), default_precision(bank))
    html = build_report(result, bank, load_strings(), "ja").decode("utf-8")
    assert html.count("<svg") == 2 and "@page { size: A4" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    for trait in bank.traits:
        assert f"<th>{trait.name('ja')}</th><td class='num'>{result.scores[trait.id]:.0f}</td>" in html
    assert result.matches[0].role.name("ja") in html and '<html lang="ja">' in html


# ---------------------------------------------------------------- rules for page code

PAGE_SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


def _string_keys_in(path) -> tuple[set[str], set[str]]:
    """The keys a script passes to ``t``: literal ones, and templates of keys built at run time
    (``t(f"cohort.{state}")`` gives ``cohort.{}``)."""
    literal, built = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
            key = node.args[0]
            if isinstance(key, ast.Constant):
                literal.add(key.value)
            elif isinstance(key, ast.JoinedStr):
                built.add("".join(p.value if isinstance(p, ast.Constant) else "{}" for p in key.values))
            else:
                pytest.fail(f"{path.name}:{node.lineno} passes t() a key it cannot be checked for")
    return literal, built


def _built_key_values():
    """Every value each run-time key can take, from the code that produces it."""
    from scoring import FLAGS, InputFileError, Precision, TokenError
    from scoring.batch import SHEET_FLAGS
    from scoring.export import SECTIONS, TABLE_COLUMNS
    from scoring.result import FIT_BANDS
    from scoring.scores import BANDS
    from scoring.verdict import KINDS, NEXT_STEPS
    from storage import CohortNameError, SaveRefused
    from ui.charts import DISTRIBUTION_STATS
    from ui.links import PAGE_FILES
    from ui.visitor import JOIN_NOTICES

    return {
        "advisor.col_{}": DISTRIBUTION_STATS,
        "advisor.flag_{}": FLAGS + SHEET_FLAGS,
        "advisor.name_{}": CohortNameError.CODES,
        "cohort.{}": JOIN_NOTICES,
        "file_error.{}": InputFileError.CODES,
        "nav.{}": tuple(PAGE_FILES),
        "results.badge_{}": KINDS,
        "results.verdict_{}": tuple(kind for kind in KINDS if kind != "clear"),
        "results.verdict_{}_body": KINDS,
        "results.band_{}_label": BANDS,
        "results.band_source_{}": Precision.SOURCES,
        "results.csv_{}": TABLE_COLUMNS,
        "results.culture_{}": BANDS,
        "results.fit_{}": tuple(name for _, name in FIT_BANDS),
        "results.flag_{}": FLAGS,
        "results.save_{}": SaveRefused.REASONS,
        "results.section_{}": SECTIONS,
        "results.step_{}": tuple(step for step in NEXT_STEPS.values() if step != "first_step"),
        "results.work_{}": BANDS,
        "results.work_{}_label": BANDS,
        "token.{}": TokenError.NOTICES,
    }


def test_pages_use_only_defined_strings_including_keys_built_at_run_time(strings):
    literal, built = set(), set()
    for path in PAGE_SOURCES:
        found = _string_keys_in(path)
        literal |= found[0]
        built |= found[1]
    values = _built_key_values()
    assert literal and built
    assert not sorted(built - set(values)), "a key built at run time needs its values listed in _built_key_values"
    expected = literal | {template.format(value) for template in built for value in values[template]}
    assert not sorted(k for k in expected if k not in strings)


def test_pages_never_use_unsafe_html():
    for path in PAGE_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_html":
                pytest.fail(f"{path.name} uses unsafe_allow_html")


# ---------------------------------------------------------------- deep links on a fresh server (ui/compat.py)


@pytest.mark.parametrize("page", ["quiz", "advisor", "methodology"])
def test_deep_link_first_visitor_gets_the_whole_app_not_a_bare_page(page, strings):
    # a fresh server's first visitor to /quiz: Streamlit runs pages/quiz.py on its own until
    # st.navigation has run once; the app must notice and start again from app.py
    from apptest import first_visit_to

    at = first_visit_to(page, lang="en")
    assert not at.exception
    assert at.get("button_group"), "the language switch from app.py is there"
    titles = {"quiz": "quiz.title", "advisor": "advisor.title", "methodology": "method.title"}
    assert at.title[0].value == strings(titles[page], "en")
