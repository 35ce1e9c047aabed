"""Load: N concurrent browser sessions, each taking the whole quiz, against one server process.

Every session is a separate browser context in one headless Chromium (Debian's package), answering
all 35 questions by clicking and pressing Next. For each answered question we time the click until
the server's reply is on screen (the progress text shows the new count). Reported per N: completion
rate (sessions that reached Results with the right top role), p50/p95 time per answered question, and
the server process's peak resident memory. Targets for N = 50: nothing lost, p95 < 300 ms, < 500 MB.

Note the client side shares the same 2-core machine: with 50 browser tabs rendering React at once,
most of the time per answer is the browsers' own CPU, so latencies measure the whole machine under
that load. The server's own cost is reported separately as CPU milliseconds per answered question.

Run: python bench/bench_load.py [--sessions 10 25 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, AppServer, ensure_chromium  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from conftest import answers_favouring  # noqa: E402
from scoring import load_bank, match_jobs, score_answers  # noqa: E402

PER_SCREEN = 7
TRAIT_SETS = [{"detail", "planning"}, {"learning"}, {"composure", "flexibility"}, {"planning", "composure"}]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemoryWatch(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.2)


async def one_session(browser, url: str, bank, index: int, latencies: list[float], timeout_ms: int) -> bool:
    answers = answers_favouring(bank, TRAIT_SETS[index % len(TRAIT_SETS)])
    expected = match_jobs(score_answers(answers, bank), bank)[0].role.name("en")
    context = await browser.new_context(viewport={"width": 1000, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        await page.goto(f"{url}/quiz?lang=en")
        progress = page.get_by_test_id("stProgress")
        answered = 0
        for start in range(0, len(bank.items), PER_SCREEN):
            for item in bank.items[start : start + PER_SCREEN]:
                option = page.locator(f".st-key-quiz-{item.id} [data-testid=stRadioOption]").nth(answers[item.id] - 1)
                await option.wait_for()
                began = time.perf_counter()
                await option.click()
                answered += 1
                await progress.filter(has_text=f"{answered} / {len(bank.items)}").wait_for()
                latencies.append(time.perf_counter() - began)
            last = start + PER_SCREEN >= len(bank.items)
            await page.locator(".st-key-quiz-finish button" if last else ".st-key-quiz-next button").click()
        await page.get_by_test_id("stAlertContentSuccess").filter(has_text=expected).wait_for()
        return True
    except Exception as problem:  # a lost session is counted, not fatal
        where = next((line for line in str(problem).splitlines() if "waiting for" in line), "")
        try:
            await page.screenshot(path=f"/tmp/load-fail-{index}.png", full_page=True)
        except Exception:
            pass
        print(
            f"  session {index} failed after {len([1 for _ in latencies])} answers overall: "
            f"{type(problem).__name__}: {where.strip()[:160]}"
        )
        return False
    finally:
        await context.close()


async def run_level(url: str, pid: int, bank, sessions: int) -> dict[str, float]:
    latencies: list[float] = []
    cpu_before = cpu_seconds(pid)
    watch = MemoryWatch(pid)
    watch.start()
    async with async_playwright() as playwright:
        # many windows at once: keep Chromium from throttling the ones it considers in the background
        background = [
            "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding",
        ]
        browser = await playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS + background)
        began = time.perf_counter()
        results = await asyncio.gather(
            *(one_session(browser, url, bank, k, latencies, timeout_ms=120_000) for k in range(sessions))
        )
        elapsed = time.perf_counter() - began
        await browser.close()
    watch.running = False
    watch.join()
    cpu_used = cpu_seconds(pid) - cpu_before
    ordered = sorted(latencies)
    return {
        "sessions": sessions,
        "completed": sum(results),
        "completion_rate": sum(results) / sessions,
        "p50_ms": statistics.median(ordered) * 1000 if ordered else float("nan"),
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else float("nan"),
        "server_peak_mb": watch.peak,
        "server_cpu_ms_per_answer": cpu_used * 1000 / max(1, len(latencies)),
        "wall_s": elapsed,
    }


def main(argv: list[str] | None = None) -> list[dict[str, float]]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    args = parser.parse_args(argv)
    bank = load_bank()
    rows = []
    with AppServer(log_path=str(Path(tempfile.gettempdir()) / "bench-load-server.log")) as server:
        for n in args.sessions:
            row = asyncio.run(run_level(server.url, server.process.pid, bank, n))
            rows.append(row)
            print(
                f"N={n:>3}: completed {row['completed']}/{n} ({row['completion_rate']:.0%}), "
                f"per answer p50 {row['p50_ms']:.0f} ms / p95 {row['p95_ms']:.0f} ms, "
                f"server peak {row['server_peak_mb']:.0f} MB, server CPU {row['server_cpu_ms_per_answer']:.1f} ms"
                f" per answer, wall {row['wall_s']:.0f} s"
            )
    return rows


if __name__ == "__main__":
    main()
