"""What the quiz tells people, before and after the measurement rework, on simulated respondents.

"Before" is the previous release's question set and role weights (read from git at BEFORE_COMMIT) with
its linear model (fit = sum of weight x trait score); "after" is the current content and the profile
model (scoring/matching.py). Both get the same kind of simulated people: a latent level per scale,
a rating = 3 + latent + noise rounded to 1-5, the situation option closest to their levels; the
retake is the same latent levels with fresh noise. Printed for each: every role's share of top
places, the median gap between the first and second role, and how often a retake gives the same top
role and category (after: also how often the retake's top role is among the roles the verdict named).

Run: python bench/bench_measurement.py [--n 6000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import load_bank  # noqa: E402
from scoring.simulation import measurement_check  # noqa: E402
from scoring.synthetic import LATENT_SD, NOISE_SD  # noqa: E402

BEFORE_COMMIT = "1e2908c"  # the last commit with the first question set and the weighted-sum model


def _old_content() -> tuple[dict, dict]:
    def show(path: str) -> str:
        command = ["git", "show", f"{BEFORE_COMMIT}:{path}"]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout

    return yaml.safe_load(show("data/items.yaml")), yaml.safe_load(show("data/roles.yaml"))


def before(n: int, seed: int) -> dict:
    """The previous release's measurement figures, recomputed here from its own content and model."""
    items_raw, roles_raw = _old_content()
    traits = ["flexibility", "detail", "learning", "composure", "planning"]
    roles = roles_raw["roles"]
    weights = np.array([[r["weights"].get(t, {}).get("weight", 0.0) for t in traits] for r in roles])
    categories = [r["category"] for r in roles]
    rng = np.random.default_rng(seed)
    latent = rng.normal(0, LATENT_SD, (n, len(traits)))

    def take(noise_rng) -> np.ndarray:
        sums, counts = np.zeros((n, len(traits))), np.zeros(len(traits))
        levels = 3 + latent
        for item in items_raw["items"]:
            if item.get("kind") == "situational":
                names = item["traits"]
                distance = np.stack(
                    [sum((o["scores"][t] - levels[:, traits.index(t)]) ** 2 for t in names) for o in item["options"]], 1
                )
                chosen = (noise_rng.gumbel(0, 0.8, distance.shape) - distance).argmax(axis=1)
                for t in names:
                    points = np.array([o["scores"][t] for o in item["options"]])
                    sums[:, traits.index(t)] += points[chosen]
                    counts[traits.index(t)] += 1
            else:
                k = traits.index(item["trait"])
                value = np.clip(np.rint(levels[:, k] + noise_rng.normal(0, NOISE_SD, n)), 1, 5)
                sums[:, k] += 6 - value if item.get("reverse") else value
                counts[k] += 1
        scores = (sums / counts - 1) / 4 * 100
        return weights @ scores.T  # roles x people

    first, again = take(np.random.default_rng(seed + 1)), take(np.random.default_rng(seed + 2))
    top, top_again = first.argmax(axis=0), again.argmax(axis=0)
    ranked = np.sort(first, axis=0)
    unit = weights / np.linalg.norm(weights, axis=1, keepdims=True)
    cosine = unit @ unit.T
    np.fill_diagonal(cosine, 0)
    return {
        "top_share": {r["id"]: float((top == k).mean()) for k, r in enumerate(roles)},
        "median_gap": float(np.median(ranked[-1] - ranked[-2])),
        "retest_role": float((top == top_again).mean()),
        "retest_category": float(
            np.mean([categories[a] == categories[b] for a, b in zip(top, top_again, strict=True)])
        ),
        "pairs_over_95": int((np.triu(cosine, 1) > 0.95).sum()),
        "max_cosine": float(cosine.max()),
    }


def after(n: int, seed: int) -> dict:
    bank = load_bank()
    check = measurement_check(bank, n=n, seed=seed)
    centred = bank.profile_matrix.to_numpy() - 50
    unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    cosine = unit @ unit.T
    np.fill_diagonal(cosine, 0)
    return {
        "top_share": check.top_share,
        "median_gap": check.median_gap,
        "retest_role": check.retest_role,
        "retest_category": check.retest_category,
        "retest_named": check.retest_named,
        "clear_share": check.clear_share,
        "flagged_share": check.flagged_share,
        "pairs_over_95": int((np.triu(cosine, 1) > 0.95).sum()),
        "max_cosine": float(cosine.max()),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    old, new = before(args.n, args.seed), after(args.n, args.seed)
    print(f"{args.n} simulated people, seed {args.seed}")
    print(f"{'role':24s} {'before':>8s} {'after':>8s}")
    for role in new["top_share"]:
        print(f"{role:24s} {old['top_share'].get(role, 0):8.1%} {new['top_share'][role]:8.1%}")
    for key, label in (
        ("median_gap", "median gap, first to second role (points)"),
        ("retest_role", "retake: same top role"),
        ("retest_category", "retake: same top category"),
        ("max_cosine", "most similar pair of roles (cosine)"),
        ("pairs_over_95", "role pairs with cosine above .95"),
    ):
        fmt = "{:.2f}" if key in ("median_gap", "max_cosine") else ("{:d}" if key == "pairs_over_95" else "{:.1%}")
        print(f"{label:44s} {fmt.format(old[key]):>8s} {fmt.format(new[key]):>8s}")
    print(f"{'retake: top role among the roles named (after only)':44s} {'':>8s} {new['retest_named']:8.1%}")
    print(f"{'verdict names a single clear role (after only)':44s} {'':>8s} {new['clear_share']:8.1%}")
    print(f"{'honest people flagged as careless (after only)':44s} {'':>8s} {new['flagged_share']:8.1%}")
    return {"n": args.n, "seed": args.seed, "before": old, "after": new}


if __name__ == "__main__":
    main()
