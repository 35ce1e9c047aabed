"""The rooms stay apart: scoring/ never touches streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT


def test_scoring_never_imports_streamlit_in_source():
    for path in (ROOT / "scoring").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path


def test_scoring_never_imports_streamlit_at_run_time():
    code = "import sys, scoring, scoring.cli; print('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
