"""The rooms stay apart: every import rule of the layout, read from the source with ``ast``.

* ``scoring/`` is pure Python + pandas: never streamlit, storage or the page helpers (``ui/``)
* ``storage/`` never imports streamlit or ``ui/``
* ``app.py`` and ``pages/`` never import SQLAlchemy or build SQL; they reach the database through ``storage``
* ``streamlit.runtime`` internals appear only in ``ui/compat.py``; ``streamlit.testing`` internals
  (anything beyond ``AppTest`` itself) only in ``tests/apptest.py``
* ``pages/`` holds page scripts only
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PAGE_SCRIPTS = sorted((ROOT / "pages").glob("*.py"))


def python_files(*folders: str) -> list[Path]:
    files = []
    for folder in folders:
        target = ROOT / folder
        files += [target] if target.is_file() else sorted(target.rglob("*.py"))
    return files


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in a file, ``from a.b import c`` giving ``a.b.c``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def offending(folders: tuple[str, ...], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    problems = []
    for path in python_files(*folders):
        if path.relative_to(ROOT).as_posix() in allowed:
            continue
        for line, module in imports(path):
            if any(module == name or module.startswith(name + ".") for name in forbidden):
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return problems


@pytest.mark.parametrize(
    ("folders", "forbidden", "allowed"),
    [
        (("scoring",), ("streamlit", "storage", "ui", "pages", "sqlalchemy"), ()),
        (("storage",), ("streamlit", "ui", "pages"), ()),
        (("app.py", "pages"), ("sqlalchemy", "alembic", "psycopg", "sqlite3"), ()),
        (("app.py", "pages", "ui", "scoring", "storage", "tests", "bench"), ("streamlit.runtime",), ("ui/compat.py",)),
        (
            ("app.py", "pages", "ui", "scoring", "storage", "tests", "bench"),
            ("streamlit.testing.v1.app_test", "streamlit.testing.v1.local_script_runner"),
            ("tests/apptest.py",),
        ),
    ],
    ids=[
        "scoring-is-pure",
        "storage-knows-no-pages",
        "pages-use-storage-not-sql",
        "runtime-internals-in-compat-only",
        "apptest-internals-in-one-helper",
    ],
)
def test_architecture_import_rule(folders, forbidden, allowed):
    assert not offending(folders, forbidden, allowed)


SQL = re.compile(
    r"\b(SELECT\s+\S.*\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA\s+\w+)\b"
)


def test_architecture_pages_build_no_sql():
    for path in [ROOT / "app.py", *PAGE_SCRIPTS, *python_files("ui")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not SQL.search(node.value), f"{path.name}:{node.lineno} holds SQL"


def test_architecture_pages_folder_holds_page_scripts_only():
    entries = {p.name for p in (ROOT / "pages").iterdir() if p.name != "__pycache__"}
    assert entries == {p.name for p in PAGE_SCRIPTS}, "no packages, helpers or data in pages/"
    for path in PAGE_SCRIPTS:  # a page is a script that draws: it calls st.title at module level
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
        assert any(ast.unparse(c.value.func) == "st.title" for c in calls), path.name


def test_architecture_scoring_never_imports_streamlit_at_run_time():
    code = "import sys, scoring, scoring.cli; print(sorted(m for m in ('streamlit', 'sqlalchemy', 'ui') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_architecture_compat_is_called_from_one_place_in_the_app():
    callers = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in [ROOT / "app.py", *PAGE_SCRIPTS, *python_files("ui")]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "navigation_only"
    ]
    assert callers == [next(c for c in callers if c.startswith("ui/i18n.py"))]
