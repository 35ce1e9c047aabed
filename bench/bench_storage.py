"""Storage under concurrent writes: 1,000 consented submissions from 50 threads, into SQLite (rollback
journal, synchronous=FULL) and into PostgreSQL (a throw-away server started here, as in the tests).
Count stored = count sent. (Outside a cohort: one cohort takes at most
storage.responses.COHORT_SAVES_PER_MINUTE saves a minute, see bench_load.py for a cohort's day.)

Run: python bench/bench_storage.py [--submissions 1000 --threads 50]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import sqlalchemy as sa  # noqa: E402

from pgserver import PostgresServer  # noqa: E402
from scoring import load_bank, score_frame  # noqa: E402
from scoring.synthetic import synthetic_answers  # noqa: E402
from storage import make_engine, migrate, save_response  # noqa: E402


def hammer(url: str, submissions: int, threads: int, bank) -> dict[str, float]:
    engine = make_engine(url)
    migrate(engine)
    sheet = synthetic_answers(bank, submissions, seed=11)
    scored = score_frame(sheet, bank)

    def submit(k: int) -> str:
        answers = {i: int(sheet.at[k, i]) for i in bank.item_ids}
        return save_response(
            engine, bank, answers, lang="ja", flags=tuple(f for f in scored.at[k, "flags"].split("; ") if f)
        )

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        codes = list(pool.map(submit, range(submissions)))
    elapsed = time.perf_counter() - began
    with engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT count(*) FROM responses")).scalar()
    engine.dispose()
    return {
        "sent": submissions,
        "stored": stored,
        "unique_codes": len(set(codes)),
        "seconds": elapsed,
        "per_second": submissions / elapsed,
    }


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=50)
    args = parser.parse_args(argv)
    bank = load_bank()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = hammer(f"sqlite:///{tmp}/bench.sqlite3", args.submissions, args.threads, bank)
    with PostgresServer() as server:
        results["PostgreSQL"] = hammer(server.url, args.submissions, args.threads, bank)
    for name, row in results.items():
        verdict = "nothing lost" if row["stored"] == row["sent"] else "LOST SUBMISSIONS"
        print(
            f"{name}: {row['stored']}/{row['sent']} stored from {args.threads} threads in {row['seconds']:.1f} s "
            f"({row['per_second']:.0f}/s) - {verdict}"
        )
    return results


if __name__ == "__main__":
    main()
