"""Several people taking the quiz on one server at the same moment each keep their own answers.

Each person is a protocol-level browser session (tests/protocol.py): the same WebSocket messages
Chromium sends, so a dozen sessions can share the server without a dozen browsers. Their runs
interleave on the server; every answer must be counted on the person's own progress bar, and each
must land on the Results page naming the top role their own answers call for.
"""

from __future__ import annotations

import asyncio
import random

from conftest import answers_for_profile
from protocol import ProtocolSession, run_apart, take_quiz
from scoring import match_jobs, score_answers

PEOPLE = [  # (the role whose profile the person's answers follow, language)
    ("accounting", "ja"),
    ("rpa_engineer", "en"),
    ("customer_support", "ja"),
    ("bpo_project_manager", "en"),
    ("digital_marketing", "en"),
    ("quality_assurance", "ja"),
]


def answers_like(bank, role_id):
    role = bank.role(role_id)
    return answers_for_profile(bank, {s: role.level(s) for s in bank.scale_ids})


async def one_person(url, bank, strings, role, lang, seed):
    answers = answers_like(bank, role)
    rng = random.Random(seed)
    async with ProtocolSession(url, "quiz", f"lang={lang}") as session:
        await take_quiz(session, bank, strings, lang, answers, think=lambda: rng.uniform(0, 0.05))
        return session.page_name, session.page.texts("heading")


def test_concurrency_people_answering_at_once_each_get_their_own_result(app_server, bank, strings):
    async def everyone():
        return await asyncio.gather(
            *(one_person(app_server.url, bank, strings, role, lang, k) for k, (role, lang) in enumerate(PEOPLE))
        )

    outcomes = run_apart(everyone())

    for (role, lang), (page, headings) in zip(PEOPLE, outcomes, strict=True):
        assert match_jobs(score_answers(answers_like(bank, role), bank), bank)[0].role.id == role
        assert page == "results"
        # the summary card's heading names the person's own closest role
        assert bank.role(role).name(lang) in headings, (role, headings)
