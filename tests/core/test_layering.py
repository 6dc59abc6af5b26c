"""core sits below every app: it imports none of them (import-linter checks it in CI too; this
says so where a developer runs the tests)."""

import ast
from pathlib import Path

import core

APPS = {"config", "accounts", "courses", "lms", "certificates", "marketplace_link", "demo"}


def test_core_imports_no_isoko_app():
    found = []
    for path in Path(core.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            found += [(path.name, name) for name in names if name.split(".")[0] in APPS]
    assert found == []
