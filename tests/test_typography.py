"""Japanese typography over every ja string in data/: no stray half-width spaces, full-width （）：
inside Japanese text, and polite です・ます sentences in the interface."""

from __future__ import annotations

import re

import pytest

from scoring import load_bank, load_overview, load_strings
from scoring.models import Text

JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef「」『』、。・ー]"
# a half-width space with Japanese on either side (what a folded YAML line leaves behind)
STRAY_SPACE = re.compile(rf"{JAPANESE} +(?={JAPANESE})")
# half-width brackets or a colon touching Japanese text
HALF_WIDTH_PUNCTUATION = re.compile(rf"{JAPANESE}[():]|[():]{JAPANESE}")
PLACEHOLDER = re.compile(r"\{\w*\}")


def _texts(node, where=""):
    """(where, Text) for every Text inside a pydantic model tree."""
    if isinstance(node, Text):
        yield where, node
    elif hasattr(node, "__pydantic_fields__"):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), f"{where}.{name}")
    elif isinstance(node, (list, tuple)):
        for k, x in enumerate(node):
            yield from _texts(x, f"{where}[{k}]")
    elif isinstance(node, dict):
        for k, x in node.items():
            yield from _texts(x, f"{where}.{k}")


def every_ja_string():
    bank = load_bank()
    strings = load_strings()
    # formulas (method.*_formula) are shown as code and keep mathematical spacing and brackets
    found = [(f"ui.yaml:{key}", strings(key, "ja")) for key in strings.keys() if not key.endswith("_formula")]
    found += [(f"bank{w}", text.ja) for w, text in _texts(bank)]
    found += [(f"overview{w}", text.ja) for w, text in _texts(load_overview(bank=bank))]
    return found


@pytest.mark.parametrize(
    ("name", "rule"),
    [("no-stray-half-width-space", STRAY_SPACE), ("full-width-brackets-and-colons", HALF_WIDTH_PUNCTUATION)],
)
def test_typography_every_ja_string_in_data(name, rule):
    strings = every_ja_string()
    assert len(strings) > 600
    # placeholders are filled with names or numbers, so they count as Japanese neighbours
    offending = [(where, text) for where, text in strings if rule.search(PLACEHOLDER.sub("名", text))]
    assert not offending, offending[:5]


def test_typography_rules_catch_what_they_are_named_for():
    assert re.search(r"(?<![まで])した。", "保存した。") and not re.search(r"(?<![まで])した。", "保存しました。")
    assert STRAY_SPACE.search("あれば、 突然の") and STRAY_SPACE.search("動き方を 選び直せる")
    assert not STRAY_SPACE.search("ITパスポートやCompTIA A+など")
    assert HALF_WIDTH_PUNCTUATION.search("学ぶ力(68):") and not HALF_WIDTH_PUNCTUATION.search("学ぶ力（68）：")


def test_typography_interface_sentences_are_polite():
    # every full ja sentence in ui.yaml that ends in 。 uses です・ます (or a request/suggestion form)
    strings = load_strings()
    plain_endings = re.compile(r"(?<![まで])した。|(?:する|いる|ある|ない|だ|である)。")
    offending = [key for key in strings.keys() if plain_endings.search(strings(key, "ja"))]
    assert not offending, offending
