"""The content in data/ is complete, bilingual, consistent - and broken content fails loudly."""

from __future__ import annotations

import re

import pytest
import yaml

from scoring import ContentError, load_bank, load_overview, load_strings
from scoring.models import Text


def _all_texts(node):
    """Every Text inside a pydantic model tree."""
    if isinstance(node, Text):
        yield node
    elif hasattr(node, "__pydantic_fields__"):
        for name in type(node).model_fields:
            yield from _all_texts(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for x in node:
            yield from _all_texts(x)
    elif isinstance(node, dict):
        for x in node.values():
            yield from _all_texts(x)


def test_bank_has_the_five_trait_ids(bank):
    assert bank.trait_ids == ("flexibility", "detail", "learning", "composure", "planning")


def test_bank_has_the_five_categories_and_twelve_roles(bank):
    assert [c.id for c in bank.categories] == [
        "call_center",
        "back_office",
        "sales_marketing",
        "it_digital",
        "project_management",
    ]
    assert len(bank.roles) == 12
    assert {r.id for r in bank.roles} >= {"customer_support", "rpa_engineer", "quality_assurance"}


def test_bank_item_counts_meet_the_brief(bank):
    likert = [i for i in bank.items if i.kind == "likert"]
    situational = [i for i in bank.items if i.kind == "situational"]
    assert len(likert) >= 30 and len(situational) >= 5
    for trait in bank.trait_ids:
        mine = [i for i in likert if i.trait == trait]
        assert len(mine) >= 6, trait
        assert sum(i.reverse for i in mine) >= 2, trait


def test_bank_ids_are_sequential_and_order_is_mixed(bank):
    assert list(bank.item_ids) == [f"Q{n:02d}" for n in range(1, len(bank.items) + 1)]
    # no two neighbouring Likert items measure the same trait
    likert = [i.trait for i in bank.items if i.kind == "likert"]
    assert all(a != b for a, b in zip(likert, likert[1:], strict=False))


def test_bank_every_string_has_ja_and_en(bank, overview):
    texts = list(_all_texts(bank)) + list(_all_texts(overview))
    assert len(texts) > 300
    for text in texts:
        assert text.ja.strip() and text.en.strip()
        assert re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", text.ja) or text.ja.isascii(), text


def test_bank_every_trait_and_role_is_reachable(bank):
    # every role is someone's best match: the person strong only in its top-weighted trait
    # may tie, so check via weights instead: each role has a trait it weights most among roles
    from scoring import match_jobs

    winners = set()
    for role in bank.roles:
        scores = {t: 100.0 * role.weight(t) / max(role.weight(x) for x in bank.trait_ids) for t in bank.trait_ids}
        winners.add(match_jobs(scores, bank)[0].role.id)
    assert len(winners) >= 8
    for trait in bank.trait_ids:
        assert bank.items_for(trait)
        assert any(r.weight(trait) >= 0.3 for r in bank.roles), trait


def test_roles_weights_sum_to_one_with_rationales(bank):
    for role in bank.roles:
        assert sum(w.weight for w in role.weights.values()) == pytest.approx(1)
        assert all(w.why for w in role.weights.values() if w.weight > 0)


def test_overview_has_every_section(overview):
    assert len(overview.definition.examples) == 5
    assert len(overview.values.items) == 3
    assert len(overview.business_models.table.rows) == 3
    assert [len(t.rows) for t in overview.classifications.tables] == [6, 4, 5]
    assert len(overview.companies.items) == 10
    assert len(overview.trends.items) == 5
    assert len(overview.challenges.items) == 3
    assert len(overview.culture.items) == 4


def test_overview_table_frame_uses_the_chosen_language(overview):
    table = overview.classifications.tables[0]
    assert list(table.frame("en").columns) == ["Segment", "Main work", "Example companies"]
    assert list(table.frame("ja").columns)[0] == "分類"


def test_strings_load_and_format(strings):
    assert "{scored}" not in strings("cli.summary", "en", scored=3, rejected=1)
    assert strings("cli.summary", "en", scored=3, rejected=1) == "3 scored, 1 rejected"


def test_bank_version_changes_when_an_item_changes(data_copy, bank):
    path = data_copy / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("読み返している", "確かめている"), encoding="utf-8")
    changed = load_bank(data_copy)
    assert changed.version != bank.version
    assert changed.version.split(".")[0] == bank.version.split(".")[0]


def _edit(path, change):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        (
            "items.yaml",
            lambda r: r["items"][0].update(trait="patience"),
            r"items\.yaml: items\.0\(Q01\)\.trait: unknown trait 'patience'",
        ),
        (
            "items.yaml",
            lambda r: r["items"][1]["text"].pop("en"),
            r"items\.yaml: items\.1\(Q02\)\.text\.en: Field required",
        ),
        ("items.yaml", lambda r: r["items"][1].update(id="Q01"), r"items\.yaml: items\.id: duplicate id\(s\): Q01"),
        (
            "items.yaml",
            lambda r: r["items"][6]["options"][0]["scores"].update(composure=7),
            r"items\.yaml: items\.6\(Q07\)\.options\.0\.scores",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][0]["weights"]["composure"].update(weight=0.9),
            r"roles\.yaml: roles\.0\(customer_support\)\.weights: .*sum to 1",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][2].update(category="retail"),
            r"roles\.yaml: roles\.2\(accounting\)\.category: unknown category",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][0]["weights"]["detail"].pop("why"),
            r"roles\.yaml: roles\.0\(customer_support\)\.weights: .*rationale",
        ),
        (
            "traits.yaml",
            lambda r: r["traits"][0]["description"].update(ja="  "),
            r"traits\.yaml: traits\.0\(flexibility\)\.description\.ja",
        ),
        ("traits.yaml", lambda r: r["traits"].append(dict(r["traits"][0])), r"traits\.yaml: traits\.id: duplicate"),
        ("items.yaml", lambda r: r.pop("seconds_per_item"), r"items\.yaml: seconds_per_item: .*valid number"),
        ("items.yaml", lambda r: r.update(seconds_per_item=0), r"items\.yaml: seconds_per_item: .*greater than 0"),
    ],
)
def test_bank_broken_content_names_file_and_field(data_copy, file, change, expected):
    _edit(data_copy / file, change)
    with pytest.raises(ContentError, match=expected):
        load_bank(data_copy)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda p: p.write_text("segment_ja,segment_en\n", encoding="utf-8"),
            r"by_service_area\.csv: work_ja: column missing",
        ),
        (
            lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("cp932")),
            r"by_service_area\.csv: \(file\): not a valid UTF-8 CSV",
        ),
    ],
)
def test_overview_broken_table_names_file_and_field(data_copy, change, expected):
    change(data_copy / "overview" / "by_service_area.csv")
    with pytest.raises(ContentError, match=expected):
        load_overview(data_copy)


def test_strings_missing_translation_names_key(data_copy):
    path = data_copy / "ui.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nextra:\n  oops: {ja: だけ}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"ui\.yaml: extra\.oops\.en"):
        load_strings(data_copy)


def test_strings_placeholder_mismatch_names_key(data_copy):
    path = data_copy / "ui.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '\nextra:\n  n: {ja: "{n}件", en: "items"}\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"ui\.yaml: extra\.n: ja and en use different"):
        load_strings(data_copy)


@pytest.mark.parametrize(("seconds", "minutes"), [(12, 7), (60, 35), (0.5, 1)])
def test_bank_minutes_needed_follows_time_per_question(data_copy, seconds, minutes):
    _edit(data_copy / "items.yaml", lambda r: r.update(seconds_per_item=seconds))
    assert load_bank(data_copy).minutes_needed == minutes
