"""score_frame on 100,000 respondents vs a per-row loop and vs pandas reading the same CSV.

Run: python bench/bench_score_frame.py [--rows 100000]
Prints each figure measured in this run and the ratios the brief asks for:
  * score_frame under 1 s,
  * at least 50x faster than score_answers + match_jobs per row,
  * no slower than pd.read_csv of the same answers (ratio <= 1).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scoring import load_bank, match_jobs, score_answers, score_frame  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--loop-sample", type=int, default=5_000, help="rows timed in the per-row loop")
    args = parser.parse_args(argv)

    bank = load_bank()
    rng = np.random.default_rng(42)
    frame = pd.DataFrame({i.id: rng.integers(1, i.n_options + 1, args.rows) for i in bank.items})
    frame.insert(0, "id", [f"r{k:06d}" for k in range(args.rows)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.csv"
        frame.to_csv(path, index=False)
        loaded = pd.read_csv(path)
        read_s = best_of(lambda: pd.read_csv(path), 5)
    frame_s = best_of(lambda: score_frame(loaded, bank), 5)

    records = loaded[list(bank.item_ids)].head(args.loop_sample).to_dict("records")

    def loop():
        for answers in records:
            match_jobs(score_answers(answers, bank), bank)

    loop_s = best_of(loop, 1) * args.rows / len(records)

    figures = {
        "rows": args.rows,
        "score_frame_s": frame_s,
        "read_csv_s": read_s,
        "per_row_loop_s (extrapolated)": loop_s,
        "speedup_vs_loop": loop_s / frame_s,
        "ratio_vs_read_csv": frame_s / read_s,
    }
    print(f"score_frame, {args.rows:,} rows: {frame_s:.3f} s (target < 1 s)")
    print(f"pandas read_csv, same file:      {read_s:.3f} s")
    print(f"per-row score_answers+match_jobs: {loop_s:.2f} s (timed on {len(records):,} rows, scaled)")
    print(f"speed-up vs per-row loop: {figures['speedup_vs_loop']:.0f}x (target >= 50x)")
    print(f"score_frame / read_csv:   {figures['ratio_vs_read_csv']:.2f} (target <= 1.0)")
    print(
        f"median of 5 score_frame runs: {statistics.median([best_of(lambda: score_frame(loaded, bank), 1) for _ in range(5)]):.3f} s"
    )
    return figures


if __name__ == "__main__":
    main()
