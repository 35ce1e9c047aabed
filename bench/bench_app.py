"""App rerun costs measured with AppTest in one process, each beside a bare baseline page.

* Quiz: answering one question (a rerun of the quiz page, chrome and navigation included) vs a bare
  Streamlit page with the same widgets - 7 radio groups, Back/Next buttons, a progress bar, a
  language switch - and no logic. Target: at most 1.3x.
* Results: rendering the results page again with every section open (a tick of the consent box, a save)
  vs a bare page with the same charts (two Altair charts of the same shape) and tables, and opening it for
  the first time in a session (as a person sees it: the summary card, sections closed) vs the bare page's
  first run. Target: at most 2x each.

Three things make plain AppTest timings unlike a real server, and all are corrected here for the
product and the baseline alike: AppTest compiles every script afresh on every run (a server keeps
one ScriptCache per process); it re-discovers the pages/ folder on every run (a server stops once
st.navigation has run); and it polls for the end of a run while the script thread holds the GIL
for up to the default 5 ms switch interval. So the runs share one ScriptCache, keep navigation
known, and the switch interval is lowered to 0.05 ms.

Run: python bench/bench_app.py [--runs 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from streamlit.testing.v1 import AppTest  # noqa: E402

from apptest import new_session, serve_like_a_server, share_bytecode  # noqa: E402
from conftest import answers_favouring, open_sections  # noqa: E402
from scoring import encode_answers, load_bank  # noqa: E402

BARE_QUIZ = textwrap.dedent(
    """
    import streamlit as st
    screen = st.session_state.setdefault("screen", 0)
    def turn(step):
        st.session_state.screen = max(0, screen + step)
    st.segmented_control("Language", ["ja", "en"], key="lang", default="ja")
    st.title("Quiz")
    st.progress(0.2, text="7 / 35")
    for i in range(screen * 7, screen * 7 + 7):
        with st.container(border=True):
            options = [1, 2, 3, 4] if i % 7 == 6 else [1, 2, 3, 4, 5]
            st.radio(f"Question {i + 1}", options, index=None, key=f"q{i}", horizontal=i % 7 != 6)
    with st.container(horizontal=True):
        st.button("Back", key="back", on_click=turn, args=(-1,))
        st.button("Next", key="next", on_click=turn, args=(1,))
    st.caption("footer")
    """
)

BARE_RESULTS = textwrap.dedent(
    """
    import altair as alt
    import numpy as np
    import pandas as pd
    import streamlit as st
    rng = np.random.default_rng(0)
    traits = ["a", "b", "c", "d", "e"]
    scores = pd.DataFrame({"trait": traits, "score": rng.uniform(0, 100, 5)})
    st.title("Results")
    st.success("headline")
    st.altair_chart(alt.Chart(scores).mark_bar().encode(x="score:Q", y="trait:N", color="trait:N"), width="stretch")
    st.dataframe(scores)
    roles = pd.DataFrame([(f"role {r}", t, rng.uniform(0, 20)) for r in range(12) for t in traits],
                         columns=["role", "trait", "points"])
    st.altair_chart(alt.Chart(roles).mark_bar().encode(x="sum(points):Q", y="role:N", color="trait:N"), width="stretch")
    st.dataframe(roles.pivot(index="role", columns="trait", values="points"))
    for i in range(5):
        st.progress(i / 5, text=f"category {i}")
    for i in range(30):
        st.markdown(f"**line {i}** some text")
    st.code("http://localhost/results?a=token")
    """
)


def interleaved(pairs: list[tuple[AppTest, object]], runs: int) -> list[list[float]]:
    """Rerun each app in turn (A, B, A, B ...) so drift in machine speed hits both equally."""
    times: list[list[float]] = [[] for _ in pairs]
    for k in range(runs):
        for index, (at, change) in enumerate(pairs):
            change(at, k)
            start = time.perf_counter()
            at.run()
            times[index].append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"the page failed while being measured: {at.exception[0].message}")
    return times


def like_a_server() -> None:
    """One bytecode cache per process and navigation known, as under `streamlit run` (the shared
    AppTest helper, tests/apptest.py); fine GIL switching."""
    serve_like_a_server()
    share_bytecode()
    sys.setswitchinterval(0.00005)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args(argv)
    bank = load_bank()
    like_a_server()

    with tempfile.TemporaryDirectory() as tmp:
        bare_quiz, bare_results = Path(tmp) / "bare_quiz.py", Path(tmp) / "bare_results.py"
        bare_quiz.write_text(BARE_QUIZ)
        bare_results.write_text(BARE_RESULTS)

        # quiz: change one answer per rerun
        product = new_session().run()
        product.switch_page("pages/quiz.py").run()
        quiz_ids = [r.key for r in product.radio if r.key.startswith("quiz.")]
        bare = new_session(bare_quiz).run()
        product_quiz, bare_quiz_times = interleaved(
            [
                (product, lambda at, k: at.radio(key=quiz_ids[k % 7]).set_value(1 + k % 4)),
                (bare, lambda at, k: at.radio(key=f"q{k % 7}").set_value(1 + k % 4)),
            ],
            args.runs,
        )

        # results: a full render of the page for a complete set of answers, every section opened (those
        # with charts and files are built only when opened)
        token = encode_answers(answers_favouring(bank, {"detail", "planning"}), bank)
        results = new_session(lang="ja", a=token).run()
        results.switch_page("pages/results.py").run()
        open_sections(results)
        bare_r = new_session(bare_results).run()
        product_results, bare_results_times = interleaved(
            [(results, lambda at, k: None), (bare_r, lambda at, k: None)], args.runs
        )

        # results opened for the first time in a session (nothing of it remembered yet)
        first_product, first_bare = [], []
        for _ in range(max(5, args.runs // 10)):
            fresh = new_session(lang="ja", a=token).run()
            start = time.perf_counter()
            fresh.switch_page("pages/results.py").run()
            first_product.append(time.perf_counter() - start)
            start = time.perf_counter()
            new_session(bare_results).run()
            first_bare.append(time.perf_counter() - start)

    figures = {
        "quiz_rerun_ms": statistics.median(product_quiz) * 1000,
        "bare_quiz_rerun_ms": statistics.median(bare_quiz_times) * 1000,
        "results_render_ms": statistics.median(product_results) * 1000,
        "bare_results_render_ms": statistics.median(bare_results_times) * 1000,
        "results_first_ms": statistics.median(first_product) * 1000,
        "bare_results_first_ms": statistics.median(first_bare) * 1000,
    }
    figures["results_first_ratio"] = figures["results_first_ms"] / figures["bare_results_first_ms"]
    figures["quiz_ratio"] = figures["quiz_rerun_ms"] / figures["bare_quiz_rerun_ms"]
    figures["results_ratio"] = figures["results_render_ms"] / figures["bare_results_render_ms"]
    print(
        f"quiz rerun (one answer): {figures['quiz_rerun_ms']:.1f} ms vs bare page {figures['bare_quiz_rerun_ms']:.1f} ms"
        f" -> {figures['quiz_ratio']:.2f}x (target <= 1.3x)"
    )
    print(
        f"results render: {figures['results_render_ms']:.1f} ms vs bare page {figures['bare_results_render_ms']:.1f} ms"
        f" -> {figures['results_ratio']:.2f}x (target <= 2x)"
    )
    print(
        f"results opened for the first time in a session: {figures['results_first_ms']:.1f} ms vs bare page "
        f"{figures['bare_results_first_ms']:.1f} ms -> {figures['results_first_ratio']:.2f}x (target <= 2x)"
    )
    return figures


if __name__ == "__main__":
    main()
