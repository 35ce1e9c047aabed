"""Hostile uploads: how long each takes to be refused, next to reading an ordinary 1,000-row sheet.

The files are the ones tests/test_bad_input.py refuses (a zip bomb, a sheet that lies about its size,
a cut-off sheet, a header repeated 100,000 times, a million columns, mixed encodings, too many rows).
Before this release the zip bomb took 60 s of server time and the repeated header over 300 s; the
goal is that refusing any of them costs no more than reading an ordinary sheet (ratio <= 1).

Run: python bench/bench_uploads.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import sheet, uniform_answers  # noqa: E402
from scoring import load_bank, read_answers, score_frame  # noqa: E402
from scoring.errors import InputFileError  # noqa: E402
from test_bad_input import ATTACK_FILES  # noqa: E402


def seconds(work) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def refuse(content: bytes, name: str, bank) -> str:
    try:
        score_frame(read_answers(content, name), bank)
    except InputFileError as refused:
        return refused.code
    return "accepted"


def main(argv: list[str] | None = None) -> dict[str, float]:
    bank = load_bank()
    ordinary = sheet(bank, [uniform_answers(bank, 1 + k % 5) for k in range(1000)]).to_csv(index=False).encode()
    baseline = seconds(lambda: score_frame(read_answers(ordinary, "ordinary.csv"), bank))
    print(f"ordinary 1,000-row CSV read and scored: {baseline * 1000:.0f} ms")
    ratios = {}
    for label, name, build, _code in ATTACK_FILES:
        content = build(bank)
        took = seconds(lambda content=content, name=name: refuse(content, name, bank))
        ratios[label] = took / baseline
        print(
            f"{label:>18}: {len(content) / 1024:8.0f} KB refused as {refuse(content, name, bank):<17} "
            f"in {took * 1000:6.0f} ms  ({ratios[label]:.2f}x the ordinary sheet)"
        )
    return ratios


if __name__ == "__main__":
    main()
