"""Several people taking the quiz on one server at the same moment each keep their own answers.

Each person is a protocol-level browser session (tests/protocol.py): the same WebSocket messages
Chromium sends, so a dozen sessions can share the server without a dozen browsers. Their runs
interleave on the server; every answer must be counted on the person's own progress bar, and each
must land on the Results page naming the top role their own answers call for.
"""

from __future__ import annotations

import asyncio
import random

from conftest import answers_favouring
from protocol import ProtocolSession, run_apart, take_quiz
from scoring import match_jobs, score_answers

PEOPLE = [  # (strong traits, language)
    ({"detail", "planning"}, "ja"),
    ({"learning"}, "en"),
    ({"composure", "flexibility"}, "ja"),
    ({"planning", "composure"}, "en"),
    ({"flexibility"}, "en"),
    ({"detail"}, "ja"),
]


async def one_person(url, bank, strings, strong, lang, seed):
    answers = answers_favouring(bank, strong)
    rng = random.Random(seed)
    async with ProtocolSession(url, "quiz", f"lang={lang}") as session:
        await take_quiz(session, bank, strings, lang, answers, think=lambda: rng.uniform(0, 0.05))
        return session.page_name, session.page.texts("alert")


def test_concurrency_people_answering_at_once_each_get_their_own_result(app_server, bank, strings):
    async def everyone():
        return await asyncio.gather(
            *(one_person(app_server.url, bank, strings, strong, lang, k) for k, (strong, lang) in enumerate(PEOPLE))
        )

    outcomes = run_apart(everyone())

    for (strong, lang), (page, alerts) in zip(PEOPLE, outcomes, strict=True):
        expected = match_jobs(score_answers(answers_favouring(bank, strong), bank), bank)[0]
        assert page == "results"
        assert any(expected.role.name(lang) in alert and expected.category.name(lang) in alert for alert in alerts), (
            strong,
            alerts,
        )
