"""The advisor dashboard for a cohort of 20,000 responses vs one of 1,000 (goal: ratio <= 1.5).

Each cohort is stored in its own SQLite file the way bulk scoring stores it; an advisor signs in
with AppTest and the time of a whole advisor-page run (every tab is built on each run, the dashboard
opening on that cohort) is measured, best of ``--runs``: the first opening with nothing cached (as
after a restart) and opening it again (the group's figures are cached per cohort, keyed by its size
and newest response, so new answers are never hidden). Statistics are computed from the covariance
and quantiles of the group in numpy and pandas, and the charts receive one row per scale, so the
browser gets the same few rows whatever the size of the group.

Run: python bench/bench_dashboard.py [--small 1000 --large 20000 --runs 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from apptest import new_session, serve_like_a_server, share_bytecode  # noqa: E402
from scoring import load_bank, score_frame  # noqa: E402
from scoring.synthetic import synthetic_answers  # noqa: E402
from storage import create_cohort, make_engine, migrate, save_scored_sheet, upload_key  # noqa: E402

PASSWORD = "bench passphrase for the dashboard"


def stored_cohort(folder: Path, n: int, bank) -> str:
    """A SQLite database holding one cohort of ``n`` bulk-scored responses; its URL."""
    url = f"sqlite:///{folder / f'cohort-{n}.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    cohort = create_cohort(engine, f"{n} people")
    sheet = synthetic_answers(bank, n, seed=n)
    save_scored_sheet(engine, bank, sheet, score_frame(sheet, bank), "ja", cohort, upload_key(b"bench", cohort.id))
    engine.dispose()
    return url


def dashboard_seconds(url: str, runs: int) -> tuple[float, float]:
    """(first opening with nothing cached, best later run) of the advisor page on this database."""
    import streamlit as st

    os.environ["DATABASE_URL"] = url
    at = new_session(lang="en")
    at.run()
    at.switch_page("pages/advisor.py").run()
    at.text_input(key="advisor.password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and at.metric, "the dashboard opened on the cohort"
    cold = float("inf")
    for _ in range(runs):  # each time as if the server had just started
        st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        cold = min(cold, time.perf_counter() - start)
    warm = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        warm = min(warm, time.perf_counter() - start)
    return cold, warm


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    serve_like_a_server()
    share_bytecode()
    bank = load_bank()
    saved = {name: os.environ.get(name) for name in ("ADVISOR_PASSWORD", "BPO_DATA_DIR", "DATABASE_URL")}
    os.environ["ADVISOR_PASSWORD"] = PASSWORD
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["BPO_DATA_DIR"] = tmp
            small = dashboard_seconds(stored_cohort(Path(tmp), args.small, bank), args.runs)
            large = dashboard_seconds(stored_cohort(Path(tmp), args.large, bank), args.runs)
    finally:  # run_all runs the other benches in this process next: leave no database behind in it
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    ratios = {"first": large[0] / small[0], "again": large[1] / small[1]}
    for k, (label, key) in enumerate((("first opening (nothing cached)", "first"), ("opened again", "again"))):
        print(
            f"advisor page with the dashboard, {label}: {args.small:,} responses {small[k] * 1000:.0f} ms, "
            f"{args.large:,} responses {large[k] * 1000:.0f} ms - ratio {ratios[key]:.2f} (goal <= 1.5)"
        )
    return {"small": small, "large": large, **ratios}


if __name__ == "__main__":
    main()
