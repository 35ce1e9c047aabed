"""Load: N concurrent browser sessions, each taking the whole quiz, against one server process.

Each session is spoken at the protocol level (tests/protocol.py): it downloads the static files a
first-time visitor's Chromium downloads, opens /quiz over the WebSocket, answers all 35 questions with
the same messages Chromium sends, presses Next/Finish, and must land on Results with the top role its
answers call for. 50 real Chromium tabs cannot be used for this on a 2-core machine: rendering React
in 50 tabs takes the CPU the server needs, so their timings measure the tabs (see the history of
docs/benchmarks.md). Beside the N protocol sessions, one real Chromium session takes the quiz at the
same time and reports what a person sees: click -> the progress text shows the new count.

Think time: a person reads each question before answering. Sessions wait a random 1-3 s (seeded)
before each answer - four to twelve times faster than the 12 s per question Home estimates, so the
load is heavier than real use. A stress row with no think time at all (every session answering as
fast as the server replies) is reported too, without a target.

Reported per N: completion (sessions that reached Results with the right top role), p50/p95 of the
time per answered question (send -> the server's run finished), the Chromium observer's p50/p95, the
server's CPU per answer and its peak resident memory. Targets for N = 50: nothing lost, p95 < 300 ms,
server memory < 500 MB.

Event mode (``--event 200``): an advisor's cohort at a job fair. N participants open the cohort's
join link at the same moment, take the whole quiz reading each question for 5-15 s (``--think``), and
save their result with consent. Goals for N = 200 on one server process: nothing lost (exactly N rows
stored in that cohort, each with the top role its answers call for), p95 per answer < 300 ms, server
memory < 1 GB.

Run: python bench/bench_load.py [--sessions 10 25 50] [--think 1 3] [--no-stress] [--no-observer]
     python bench/bench_load.py --event 200 --think 5 15
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.async_api import async_playwright  # noqa: E402

from browser import CHROMIUM_ARGS, AppServer, ensure_chromium  # noqa: E402
from conftest import answers_for_profile  # noqa: E402
from protocol import ProtocolSession, download, option_label, static_files, take_quiz  # noqa: E402
from scoring import load_bank, load_strings, match_jobs, score_answers  # noqa: E402

ROLES = ["accounting", "rpa_engineer", "customer_support", "bpo_project_manager", "digital_marketing", "hr"]
QUIZ_PATH = "/quiz?lang=en"


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
            time.sleep(0.1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))] * 1000 if ordered else float("nan")


def expectation(bank, index: int) -> tuple[dict[str, int], str]:
    """Answers that follow one role's profile (so the verdict names that role clearly), and its name."""
    role = bank.role(ROLES[index % len(ROLES)])
    answers = answers_for_profile(bank, {s: role.level(s) for s in bank.scale_ids})
    return answers, match_jobs(score_answers(answers, bank), bank)[0].role.name("en")


async def protocol_session(url, assets, bank, strings, index, think, latencies, rng) -> bool:
    """One visitor at the protocol level; True when Results shows the right top role."""
    answers, expected = expectation(bank, index)
    try:
        await download(assets)
        async with ProtocolSession(url, "quiz", QUIZ_PATH.split("?", 1)[1], locale="en-US") as session:
            latencies += await take_quiz(session, bank, strings, "en", answers, think=lambda: rng.uniform(*think))
            return session.page_name == "results" and expected in session.page.texts("heading")
    except Exception as problem:  # a lost session is counted, not fatal
        print(f"  session {index} failed: {type(problem).__name__}: {str(problem)[:160]}")
        return False


async def event_participant(url, assets, bank, strings, index, query, think, latencies, rng) -> bool:
    """One participant who joined the cohort: the whole quiz, then a save with consent."""
    answers, expected = expectation(bank, index)
    try:
        await asyncio.sleep(rng.uniform(0, 5))  # everyone scans the QR code within a few seconds
        await download(assets)
        async with ProtocolSession(url, "quiz", query, locale="en-US") as session:
            latencies += await take_quiz(session, bank, strings, "en", answers, think=lambda: rng.uniform(*think))
            if session.page_name != "results" or expected not in session.page.texts("heading"):
                return False
            await session.check("results.consent")
            latencies.append(await session.click("results.save"))
            return strings("results.saved", "en") in session.page.texts("alert")
    except Exception as problem:  # a lost participant is counted, not fatal
        print(f"  participant {index} failed: {type(problem).__name__}: {str(problem)[:160]}")
        return False


async def browser_session(url, bank, think, latencies, rng) -> bool:
    """One real Chromium visitor taking the quiz while the protocol sessions run."""
    answers, expected = expectation(bank, 0)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1000, "height": 900})
        page.set_default_timeout(120_000)
        try:
            await page.goto(url + QUIZ_PATH)
            progress = page.get_by_test_id("stProgress")
            answered = 0
            for number, screen in enumerate(bank.screens, start=1):
                for item in screen:
                    label = option_label(bank, item, answers[item.id], "en")
                    option = page.locator(f".st-key-quiz-card-{item.id} [data-testid=stRadioOption]").filter(
                        has_text=label
                    )
                    await option.first.wait_for()
                    await asyncio.sleep(rng.uniform(*think))
                    began = time.perf_counter()
                    await option.first.click()
                    answered += 1
                    await progress.filter(has_text=f"{answered} of {len(bank.items)}").wait_for()
                    latencies.append(time.perf_counter() - began)
                last = number == len(bank.screens)
                await page.locator(".st-key-quiz-finish button" if last else ".st-key-quiz-next button").click()
            await page.locator(".st-key-results-summary h3").filter(has_text=expected).wait_for()
            return True
        except Exception as problem:
            print(f"  the Chromium observer failed: {type(problem).__name__}: {str(problem)[:160]}")
            return False
        finally:
            await browser.close()


async def run_level(server, assets, bank, strings, sessions: int, think: tuple[float, float], observer: bool) -> dict:
    latencies: list[float] = []
    seen: list[float] = []
    pid = server.process.pid
    cpu_before = cpu_seconds(pid)
    watch = MemoryWatch(pid)
    watch.start()
    began = time.perf_counter()
    visitors = [
        protocol_session(server.url, assets, bank, strings, k, think, latencies, random.Random(k))
        for k in range(sessions)
    ]
    if observer:
        visitors.append(browser_session(server.url, bank, think, seen, random.Random(-1)))
    results = await asyncio.gather(*visitors)
    elapsed = time.perf_counter() - began
    watch.running = False
    watch.join()
    cpu_used = cpu_seconds(pid) - cpu_before
    completed = sum(results[:sessions])
    return {
        "sessions": sessions,
        "think": think,
        "completed": completed,
        "completion_rate": completed / sessions,
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
        "answers_per_s": len(latencies) / elapsed,
        "observer_ok": results[sessions] if observer else None,
        "observer_p50_ms": percentile(seen, 0.5),
        "observer_p95_ms": percentile(seen, 0.95),
        "server_peak_mb": watch.peak,
        "server_cpu_ms_per_answer": cpu_used * 1000 / max(1, len(latencies) + len(seen)),
        "wall_s": elapsed,
    }


def describe(row: dict) -> str:
    observer = (
        f"; Chromium observer p50 {row['observer_p50_ms']:.0f} ms / p95 {row['observer_p95_ms']:.0f} ms"
        if row["observer_ok"] is not None
        else ""
    )
    return (
        f"N={row['sessions']:>3}, think {row['think'][0]:g}-{row['think'][1]:g} s: completed "
        f"{row['completed']}/{row['sessions']}, per answer p50 {row['p50_ms']:.0f} ms / p95 {row['p95_ms']:.0f} ms"
        f"{observer}; server CPU {row['server_cpu_ms_per_answer']:.1f} ms per answer, peak "
        f"{row['server_peak_mb']:.0f} MB, {row['answers_per_s']:.0f} answers/s, wall {row['wall_s']:.0f} s"
    )


def run_event(server, assets, bank, strings, n: int, think: tuple[float, float]) -> dict:
    """N participants of one cohort, each saving with consent; then the cohort's stored rows are checked."""
    from storage import create_cohort, default_sqlite_url, make_engine, migrate, responses_frame

    engine = make_engine(default_sqlite_url())
    migrate(engine)
    cohort = create_cohort(engine, "Job fair (load test)")
    query = f"lang=en&cohort={cohort.code}"
    latencies: list[float] = []
    pid = server.process.pid
    cpu_before = cpu_seconds(pid)
    watch = MemoryWatch(pid)
    watch.start()
    began = time.perf_counter()

    async def everyone():
        return await asyncio.gather(
            *(
                event_participant(server.url, assets, bank, strings, k, query, think, latencies, random.Random(k))
                for k in range(n)
            )
        )

    results = asyncio.run(everyone())
    elapsed = time.perf_counter() - began
    watch.running = False
    watch.join()
    stored = responses_frame(engine, bank, cohort.id)
    wanted = sorted(match_jobs(score_answers(expectation(bank, k)[0], bank), bank)[0].role.id for k in range(n))
    engine.dispose()
    return {
        "participants": n,
        "think": think,
        "saved": sum(results),
        "stored": len(stored),
        "stored_right": sorted(stored["top_role"].astype(str)) == wanted,
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
        "server_peak_mb": watch.peak,
        "server_cpu_ms_per_answer": (cpu_seconds(pid) - cpu_before) * 1000 / max(1, len(latencies)),
        "wall_s": elapsed,
    }


def describe_event(row: dict) -> str:
    kept = "nothing lost" if row["stored"] == row["participants"] and row["stored_right"] else "LOST OR MISFILED"
    return (
        f"event: {row['participants']} participants in one cohort, think {row['think'][0]:g}-{row['think'][1]:g} s: "
        f"{row['saved']} saved, {row['stored']} stored ({kept}); per answer p50 {row['p50_ms']:.0f} ms / "
        f"p95 {row['p95_ms']:.0f} ms; server CPU {row['server_cpu_ms_per_answer']:.1f} ms per answer, "
        f"peak {row['server_peak_mb']:.0f} MB, wall {row['wall_s']:.0f} s"
    )


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"))
    parser.add_argument("--no-stress", action="store_true", help="skip the no-think-time row")
    parser.add_argument("--no-observer", action="store_true", help="no real Chromium session beside the load")
    parser.add_argument("--event", type=int, default=0, help="participants of one cohort who also save (event mode)")
    args = parser.parse_args(argv)
    bank, strings = load_bank(), load_strings()
    rows = []
    log = str(Path(tempfile.gettempdir()) / "bench-load-server.log")
    if args.event:
        with tempfile.TemporaryDirectory() as data_dir:
            # the server (started below) and this script share one SQLite file, whatever this process had set
            os.environ["BPO_DATA_DIR"] = data_dir
            os.environ.pop("DATABASE_URL", None)
            with AppServer(log_path=log) as server:
                assets = static_files(server.url, "/?lang=en")
                row = run_event(server, assets, bank, strings, args.event, tuple(args.think))
                print(describe_event(row))
                return [row]
    with AppServer(log_path=log) as server:
        assets = static_files(server.url, QUIZ_PATH)
        levels = [(n, tuple(args.think)) for n in args.sessions]
        if not args.no_stress:
            levels.append((max(args.sessions), (0.0, 0.0)))
        for n, think in levels:
            row = asyncio.run(run_level(server, assets, bank, strings, n, think, observer=not args.no_observer))
            rows.append(row)
            print(describe(row))
    return rows


if __name__ == "__main__":
    main()
