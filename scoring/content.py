"""Load and validate everything in ``data/``.

Every problem - a malformed file, a missing translation, an item pointing at an unknown trait,
weights that do not sum to 1, a duplicate id - raises :class:`ContentError` naming file and field.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from scoring.errors import ContentError
from scoring.models import AREA_IDS, LANGS, TRAIT_IDS, Bank, Overview, Table, Text

__all__ = ["DATA_DIR", "load_bank", "load_overview", "load_strings", "Strings"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CATEGORY_IDS = ("call_center", "back_office", "sales_marketing", "it_digital", "project_management")


# ---------------------------------------------------------------- file reading


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise ContentError(path.name, "(file)", "file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(path.name, "(file)", f"not valid UTF-8 YAML ({exc})") from None


def _validate(model: type[BaseModel], raw: Any, file: str, prefix: str = "") -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in (prefix, *first["loc"]) if p != "") or "(top level)"
        more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
        raise ContentError(file, field, first["msg"] + more) from None


def _duplicates(ids: list[str], file: str, field: str) -> None:
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    if repeated:
        raise ContentError(file, field, f"duplicate id(s): {', '.join(repeated)}")


def _read_table(path: Path, spec: dict[str, Any], field: str) -> Table:
    """Read a bilingual CSV whose columns are ``<name>_ja`` / ``<name>_en`` pairs."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path.name, "(file)", "file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ContentError(path.name, "(file)", f"not a valid UTF-8 CSV ({exc})") from None
    columns = spec.get("columns") or {}
    rows = []
    for name in columns:
        for lang in LANGS:
            if f"{name}_{lang}" not in frame.columns:
                raise ContentError(path.name, f"{name}_{lang}", "column missing")
    for number, record in enumerate(frame.to_dict("records"), start=2):
        row = {}
        for name in columns:
            row[name] = _validate(
                Text, {lang: record[f"{name}_{lang}"] for lang in LANGS}, path.name, f"row {number}.{name}"
            )
        rows.append(row)
    raw = {"title": spec.get("title"), "columns": columns, "rows": rows}
    return _validate(Table, raw, path.parent.name + "/overview.yaml", field)


# ---------------------------------------------------------------- the question bank


def _bank_hash(items: list, likert_options: list, preference_options: list) -> str:
    canonical = json.dumps(
        {"items": items, "likert_options": likert_options, "preference_options": preference_options},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def load_bank(data_dir: str | Path | None = None) -> Bank:
    """Load traits, work areas, items, categories and roles from ``data_dir`` and cross-check them.

    ``Bank.version`` is the declared version plus a hash of every item and answer option, so
    editing any of them changes the version and tells old share links apart.
    """
    root = Path(data_dir) if data_dir else DATA_DIR
    traits_raw = _read_yaml(root / "traits.yaml") or {}
    work_raw = _read_yaml(root / "work.yaml") or {}
    items_raw = _read_yaml(root / "items.yaml") or {}
    roles_raw = _read_yaml(root / "roles.yaml") or {}

    for file, raw, key in (
        ("traits.yaml", traits_raw, "traits"),
        ("work.yaml", work_raw, "areas"),
        ("items.yaml", items_raw, "items"),
        ("roles.yaml", roles_raw, "roles"),
        ("roles.yaml", roles_raw, "categories"),
    ):
        if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
            raise ContentError(file, key, "expected a list")

    # ids: duplicates and the contract the rest of the product relies on
    _duplicates([t.get("id") for t in traits_raw["traits"]], "traits.yaml", "traits.id")
    _duplicates([a.get("id") for a in work_raw["areas"]], "work.yaml", "areas.id")
    _duplicates([i.get("id") for i in items_raw["items"]], "items.yaml", "items.id")
    _duplicates([c.get("id") for c in roles_raw["categories"]], "roles.yaml", "categories.id")
    _duplicates([r.get("id") for r in roles_raw["roles"]], "roles.yaml", "roles.id")

    content_hash = _bank_hash(items_raw["items"], items_raw.get("likert_options"), items_raw.get("preference_options"))
    raw = {
        "version": f"{items_raw.get('version', '0')}.{content_hash}",
        "content_hash": content_hash,
        "traits": traits_raw["traits"],
        "work_areas": work_raw["areas"],
        "likert_options": items_raw.get("likert_options"),
        "preference_options": items_raw.get("preference_options"),
        "seconds": items_raw.get("seconds"),
        "per_screen": items_raw.get("per_screen"),
        "retired": items_raw.get("retired") or (),
        "items": items_raw["items"],
        "categories": roles_raw["categories"],
        "roles": roles_raw["roles"],
    }
    raw = {key: value for key, value in raw.items() if value is not None}  # a missing key reads "Field required"
    files = {"traits": "traits.yaml", "work_areas": "work.yaml"}
    try:
        bank = Bank.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first["loc"])
        file = files.get(str(loc[0]), "roles.yaml" if loc[0] in ("categories", "roles") else "items.yaml")
        if (
            len(loc) > 1
            and isinstance(loc[1], int)
            and isinstance(raw.get(loc[0], [None] * (loc[1] + 1))[loc[1]], dict)
        ):
            loc[1] = f"{loc[1]}({raw[loc[0]][loc[1]].get('id', '?')})"
        raise ContentError(file, ".".join(str(p) for p in loc), first["msg"]) from None

    _cross_check(bank)
    return bank


def _cross_check(bank: Bank) -> None:
    if set(bank.trait_ids) != set(TRAIT_IDS):
        raise ContentError("traits.yaml", "traits.id", f"expected exactly {list(TRAIT_IDS)}")
    if set(bank.area_ids) != set(AREA_IDS):
        raise ContentError("work.yaml", "areas.id", f"expected exactly {list(AREA_IDS)}")
    _check_items(bank)
    category_ids = {c.id for c in bank.categories}
    if category_ids != set(CATEGORY_IDS):
        raise ContentError("roles.yaml", "categories.id", f"expected exactly {list(CATEGORY_IDS)}")
    for index, role in enumerate(bank.roles):
        where = f"roles.{index}({role.id})"
        if role.category not in category_ids:
            raise ContentError("roles.yaml", f"{where}.category", f"unknown category {role.category!r}")
        if set(role.traits) != set(bank.trait_ids):
            raise ContentError("roles.yaml", f"{where}.traits", f"needs a level for exactly {list(bank.trait_ids)}")
        if set(role.work) != set(bank.area_ids):
            raise ContentError("roles.yaml", f"{where}.work", f"needs a level for exactly {list(bank.area_ids)}")
    for category in bank.categories:
        if not bank.roles_in(category.id):
            raise ContentError("roles.yaml", f"categories({category.id})", "no role belongs to this category")


def _check_items(bank: Bank) -> None:
    trait_ids, area_ids = set(bank.trait_ids), set(bank.area_ids)
    for index, item in enumerate(bank.items):
        where = f"items.{index}({item.id})"
        if item.id in bank.retired:
            raise ContentError("items.yaml", f"{where}.id", "this id is retired; give the item a new id")
        unknown = [t for t in item.traits if t not in trait_ids]
        if unknown:
            raise ContentError("items.yaml", f"{where}.trait", f"unknown trait {unknown[0]!r}")
        if item.area is not None and item.area not in area_ids:
            raise ContentError("items.yaml", f"{where}.area", f"unknown work area {item.area!r}")
        if item.partner is not None:
            partner = next((i for i in bank.items if i.id == item.partner), None)
            if partner is None or partner.kind != "likert" or partner.reverse or partner.trait != item.trait:
                raise ContentError("items.yaml", f"{where}.partner", "must name a forward statement of the same trait")
    partners = [i.partner for i in bank.items if i.partner]
    _duplicates(partners, "items.yaml", "items.partner")
    for scale in bank.scale_ids:
        if not bank.items_for(scale):
            raise ContentError("items.yaml", "items", f"no item scores {scale!r}")


# ---------------------------------------------------------------- the overview


def load_overview(data_dir: str | Path | None = None, bank: Bank | None = None) -> Overview:
    """Load the industry overview (YAML plus its CSV tables); cross-check against ``bank`` if given."""
    root = (Path(data_dir) if data_dir else DATA_DIR) / "overview"
    raw = _read_yaml(root / "overview.yaml")
    if not isinstance(raw, dict):
        raise ContentError("overview.yaml", "(top level)", "expected a mapping")
    try:
        models = raw["business_models"]
        models["table"] = _read_table(root / models["table"], models, "business_models.table")
        models.pop("columns", None)
        tables = raw["classifications"]["tables"]
        for index, spec in enumerate(tables):
            tables[index] = _read_table(root / spec["table"], spec, f"classifications.tables.{index}")
    except (KeyError, TypeError) as exc:
        raise ContentError("overview.yaml", str(exc).strip("'"), "section or `table` missing") from None
    overview = _validate(Overview, raw, "overview.yaml")
    _duplicates([c.id for c in overview.companies.items], "overview.yaml", "companies.items.id")
    if bank is not None:
        known = {c.id for c in overview.companies.items}
        for category in bank.categories:
            for company in category.companies:
                if company not in known:
                    raise ContentError(
                        "roles.yaml", f"categories({category.id}).companies", f"unknown company {company!r}"
                    )
        for culture in overview.culture.items:
            for trait in culture.traits:
                if trait not in bank.trait_ids:
                    raise ContentError("overview.yaml", f"culture({culture.id}).traits", f"unknown trait {trait!r}")
    return overview


# ---------------------------------------------------------------- interface strings

_PLACEHOLDER = re.compile(r"\{(\w*)\}")


class Strings:
    """Every interface string, keyed by dotted name, in ja and en."""

    def __init__(self, texts: dict[str, Text]):
        self._texts = texts

    def __call__(self, key: str, lang: str, **values: Any) -> str:
        text = self._texts[key](lang)
        return text.format(**values) if values else text

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    def keys(self) -> list[str]:
        return list(self._texts)


def _flatten(raw: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) & set(LANGS):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def load_strings(data_dir: str | Path | None = None) -> Strings:
    """Load ``ui.yaml``; every key needs ja and en with the same ``{placeholders}``."""
    root = Path(data_dir) if data_dir else DATA_DIR
    raw = _read_yaml(root / "ui.yaml")
    if not isinstance(raw, dict):
        raise ContentError("ui.yaml", "(top level)", "expected a mapping")
    texts = {}
    for key, value in _flatten(raw).items():
        text = _validate(Text, value, "ui.yaml", key)
        if set(_PLACEHOLDER.findall(text.ja)) != set(_PLACEHOLDER.findall(text.en)):
            raise ContentError("ui.yaml", key, "ja and en use different {placeholders}")
        texts[key] = text
    return Strings(texts)
