"""The order in which a situational item's options are shown: shuffled per person, stable for them.

Each person gets a short random ``seed`` when they start the quiz; it travels in their resume and
share links, so a reload, a resumed quiz or a shared link shows the same order. Answers are always
stored as the option's number in ``data/items.yaml``, never as its position on screen, so the order
changes nothing in scoring.
"""

from __future__ import annotations

import random
import secrets
import string

__all__ = ["SEED_ALPHABET", "SEED_LENGTH", "new_seed", "option_order"]

SEED_ALPHABET = string.digits + string.ascii_lowercase
SEED_LENGTH = 4  # 36**4, about 1.7 million orders of presentation


def new_seed() -> str:
    return "".join(secrets.choice(SEED_ALPHABET) for _ in range(SEED_LENGTH))


def option_order(item_id: str, n_options: int, seed: str) -> tuple[int, ...]:
    """Option numbers (1..n, as in ``data/items.yaml``) in the order this person sees them.

    ``random.Random`` seeded with a string is stable across Python versions and platforms.
    """
    order = list(range(1, n_options + 1))
    random.Random(f"{seed}:{item_id}").shuffle(order)
    return tuple(order)
