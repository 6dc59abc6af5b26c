"""The benches import each other's helpers (the data set's loader, the cluster harness, the load
test's page readers). A helper renamed or moved in one bench broke another that only runs by
hand: `make load` failed after the loader moved from learning_load.py to learning_data.py, since
load/prepare.py still called learning_load.load_dataset. Benches don't run in the suite (they
take minutes and want a quiet machine), so this reads them instead: every `module.name` a bench
uses from a sibling bench module must be defined at the top level of that module."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
FOLDERS = (BENCH, BENCH / "load")


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _siblings() -> dict[str, Path]:
    return {p.stem: p for folder in FOLDERS for p in folder.glob("*.py")}


def _uses(path: Path, siblings: dict[str, Path]) -> list[tuple[str, str, str, int]]:
    tree = ast.parse(path.read_text())
    imported: dict[str, str] = {}  # local name -> sibling module
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in siblings:
                    imported[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module in siblings and not node.level:
            found += [(node.module, a.name, path.name, node.lineno) for a in node.names]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
        ):
            found.append((imported[node.value.id], node.attr, path.name, node.lineno))
    return found


def test_every_name_a_bench_takes_from_another_bench_exists():
    siblings = _siblings()
    defined = {name: _top_level_names(ast.parse(p.read_text())) for name, p in siblings.items()}
    uses = [use for p in siblings.values() for use in _uses(p, siblings)]
    missing = [
        f"{where}:{line} uses {module}.{name}, which {module}.py does not define"
        for module, name, where, line in uses
        if name not in defined[module]
    ]
    assert not missing, "\n".join(missing)
    # The check sees the imports it is about (the loader, the harnesses).
    assert {("learning_data", "load_dataset"), ("_support", "gunicorn_server")} <= {
        (module, name) for module, name, _where, _line in uses
    }


def test_the_check_finds_a_missing_name(tmp_path, monkeypatch):
    (tmp_path / "loader.py").write_text("def load():\n    pass\n")
    (tmp_path / "user.py").write_text("import loader\nloader.load()\nloader.gone()\n")
    monkeypatch.setattr(sys.modules[__name__], "FOLDERS", (tmp_path,))
    siblings = _siblings()
    uses = _uses(siblings["user"], siblings)
    assert [(m, n) for m, n, _w, _l in uses] == [("loader", "load"), ("loader", "gone")]
    defined = _top_level_names(ast.parse((tmp_path / "loader.py").read_text()))
    assert "gone" not in defined and "load" in defined
