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


def test_bank_has_the_five_traits_five_work_areas_five_categories_and_twelve_roles(bank):
    assert bank.trait_ids == ("flexibility", "detail", "learning", "composure", "planning")
    assert bank.area_ids == ("customers", "numbers", "it", "coordination", "content")
    assert [c.id for c in bank.categories] == [
        "call_center",
        "back_office",
        "sales_marketing",
        "it_digital",
        "project_management",
    ]
    assert len(bank.roles) == 12


def test_bank_each_trait_has_three_forward_and_three_reverse_statements_each_with_its_partner(bank):
    statements = [i for i in bank.items if i.kind == "likert"]
    for trait in bank.trait_ids:
        mine = [i for i in statements if i.trait == trait]
        assert sum(not i.reverse for i in mine) == 3 and sum(i.reverse for i in mine) == 3, trait
        partners = sorted(i.partner for i in mine if i.reverse)
        assert partners == sorted(i.id for i in mine if not i.reverse), trait  # each forward one mirrored once


def test_bank_every_trait_is_in_two_situations_with_the_same_maximum_points(bank):
    situations = [i for i in bank.items if i.kind == "situational"]
    assert len(situations) == 5
    for trait in bank.trait_ids:
        mine = [i for i in situations if trait in i.traits]
        assert len(mine) == 2, trait
        assert sum(max(o.scores[trait] for o in i.options) for i in mine) == 10, trait


def test_bank_situations_have_partial_credit_similar_lengths_and_no_giveaway_position(bank):
    situations = [i for i in bank.items if i.kind == "situational"]
    best_positions, longest_is_best = set(), []
    for item in situations:
        totals = [sum(o.scores.values()) for o in item.options]
        partial = [t for t in totals if min(totals) < t < max(totals)]
        assert partial, f"{item.id}: a defensible option with partial credit"
        for lang in ("ja", "en"):
            lengths = [len(o.text(lang)) for o in item.options]
            assert max(lengths) / min(lengths) <= 1.6, (item.id, lang, lengths)
        best = totals.index(max(totals))
        best_positions.add(best)
        longest_is_best.append(best == max(range(len(totals)), key=lambda k: len(item.options[k].text("ja"))))
    assert len(best_positions) >= 3  # the best option sits in different places on paper too
    assert not all(longest_is_best)


def test_bank_three_work_activities_per_area(bank):
    activities = [i for i in bank.items if i.kind == "preference"]
    assert [sum(i.area == a for i in activities) for a in bank.area_ids] == [3, 3, 3, 3, 3]


def test_bank_ids_are_unique_never_retired_and_order_is_mixed(bank):
    assert len(set(bank.item_ids)) == len(bank.items)
    assert not set(bank.item_ids) & set(bank.retired)
    statements = [i for i in bank.items if i.kind == "likert"]
    assert all(a.trait != b.trait for a, b in zip(statements, statements[1:], strict=False))
    for screen in bank.screens:  # a statement and its reverse-worded partner never share a screen
        ids = {i.id for i in screen}
        assert not any(i.partner in ids for i in screen if i.partner)


def test_bank_work_activities_come_after_the_statements_on_screens_of_their_own(bank):
    kinds = ["work" if s[0].kind == "preference" else "traits" for s in bank.screens]
    assert kinds == sorted(kinds, key=lambda k: k == "work") and kinds.count("work") == 2
    assert all(len({i.kind == "preference" for i in s}) == 1 for s in bank.screens)


def test_bank_every_string_has_ja_and_en(bank, overview):
    texts = list(_all_texts(bank)) + list(_all_texts(overview))
    assert len(texts) > 300
    for text in texts:
        assert text.ja.strip() and text.en.strip()
        assert re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", text.ja) or text.ja.isascii(), text


def test_roles_every_trait_level_has_a_rationale_and_every_main_kind_of_work_too(bank):
    for role in bank.roles:
        assert set(role.traits) == set(bank.trait_ids) and set(role.work) == set(bank.area_ids)
        assert all(level.why for level in role.traits.values()), role.id
        assert all(level.why for level in role.work.values() if level.level >= 60), role.id
        assert any(level.level >= 60 for level in role.work.values()), f"{role.id}: what fills its day"


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
    path.write_text(path.read_text(encoding="utf-8").replace("すぐに気づくほうだ", "すぐ気づく"), encoding="utf-8")
    changed = load_bank(data_copy)
    assert changed.version != bank.version
    assert changed.version.split(".")[0] == bank.version.split(".")[0]


def _edit(path, change):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def _situation(raw):
    return next(i for i in raw["items"] if i.get("kind") == "situational")


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
            r"items\.yaml: items\.1\(Q42\)\.text\.en: Field required",
        ),
        ("items.yaml", lambda r: r["items"][1].update(id="Q01"), r"items\.yaml: items\.id: duplicate id\(s\): Q01"),
        (
            "items.yaml",
            lambda r: _situation(r)["options"][0]["scores"].update(composure=7),
            r"items\.yaml: items\.3\(Q52\)\.options\.0\.scores",
        ),
        (
            "items.yaml",
            lambda r: _situation(r)["options"][1].pop("why"),
            r"items\.yaml: items\.3\(Q52\)\.options\.1\.why: Field required",
        ),
        (
            "items.yaml",
            lambda r: r["items"][0].update(id="Q02"),
            r"items\.yaml: items\.0\(Q02\)\.id: this id is retired",
        ),
        (
            "items.yaml",
            lambda r: r["items"][1].update(partner="Q03"),
            r"items\.yaml: items\.1\(Q42\)\.partner: must name a forward statement of the same trait",
        ),
        (
            "items.yaml",
            lambda r: r["items"][1].pop("partner"),
            r"items\.yaml: items\.1\(Q42\): .*names its forward `partner`",
        ),
        ("items.yaml", lambda r: r["seconds"].pop("situational"), r"items\.yaml: seconds: .*situational"),
        ("items.yaml", lambda r: r["seconds"].update(likert=0), r"items\.yaml: seconds: .*more than 0"),
        ("items.yaml", lambda r: r.pop("per_screen"), r"items\.yaml: per_screen: Field required"),
        (
            "roles.yaml",
            lambda r: r["roles"][0]["traits"]["detail"].pop("why"),
            r"roles\.yaml: roles\.0\(customer_support\)\.traits: .*'detail' needs a one-line rationale",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][0]["work"]["customers"].pop("why"),
            r"roles\.yaml: roles\.0\(customer_support\)\.work: .*'customers' is a main part of the work",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][0]["traits"].pop("planning"),
            r"roles\.yaml: roles\.0\(customer_support\)\.traits: needs a level for exactly",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][0]["traits"]["detail"].update(level=120),
            r"roles\.yaml: roles\.0\(customer_support\)\.traits\.detail\.level",
        ),
        (
            "roles.yaml",
            lambda r: r["roles"][2].update(category="retail"),
            r"roles\.yaml: roles\.2\(accounting\)\.category: unknown category",
        ),
        (
            "traits.yaml",
            lambda r: r["traits"][0]["description"].update(ja="  "),
            r"traits\.yaml: traits\.0\(flexibility\)\.description\.ja",
        ),
        ("traits.yaml", lambda r: r["traits"].append(dict(r["traits"][0])), r"traits\.yaml: traits\.id: duplicate"),
        ("work.yaml", lambda r: r["areas"][0].update(id="phones"), r"work\.yaml: areas\.id: expected exactly"),
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


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [
        ({"likert": 10, "situational": 20, "preference": 6}, 8),
        ({"likert": 60, "situational": 60, "preference": 60}, 50),
    ],
)
def test_bank_minutes_needed_follows_time_per_kind_of_question(data_copy, seconds, minutes):
    _edit(data_copy / "items.yaml", lambda r: r.update(seconds=seconds))
    assert load_bank(data_copy).minutes_needed == minutes
