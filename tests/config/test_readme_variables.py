"""README's "Production and operations" table lists every environment variable the settings read.

The settings modules are read as source (every ``env(...)``, ``env.<cast>(...)``,
``_required(...)``, ``os.environ.get(...)``/``os.environ[...]``/``os.getenv(...)`` with a literal
name), so a variable added to any of them, or to the gunicorn configuration, fails this test
until the README lists it. The test settings (test.py) are not production's.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *(p for p in sorted((ROOT / "config" / "settings").glob("*.py")) if p.name != "test.py"),
    ROOT / "deploy" / "gunicorn.conf.py",
]
ENV_CALLS = {"env", "_required", "getenv"}


def _name_of(func: ast.expr) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def variables_read(path: Path) -> dict[str, bool]:
    """{variable: required} for every environment variable a module reads."""
    found: dict[str, bool] = {}
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        name, arg = None, None
        if isinstance(node, ast.Call) and node.args:
            name, arg = _name_of(node.func), node.args[0]
            head = name.split(".")[0]
            if not (
                head in ENV_CALLS
                or name in ("os.environ.get", "environ.get", "os.getenv", "os.environ.setdefault")
            ):
                continue
        elif isinstance(node, ast.Subscript) and _name_of(node.value) in ("os.environ", "environ"):
            name, arg = "os.environ[]", node.slice
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            if re.fullmatch(r"[A-Z][A-Z0-9_]*", arg.value):
                required = name == "_required"
                found[arg.value] = found.get(arg.value, False) or required
    return found


def readme_table() -> dict[str, str]:
    """{variable: its row} from the README's "Production and operations" section."""
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## Production and operations\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            for variable in re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell):
                rows[variable] = line
    return rows


def test_the_scan_finds_what_the_settings_read():
    read = {}
    for path in SOURCES:
        read.update(variables_read(path))
    # Plain reads, casts, the production requirement, and a multi-line call are all found.
    assert read["SECRET_KEY"] is True
    assert read["ISOKO_MARKETPLACE_KEY_ID"] is True and read["ISOKO_MARKETPLACE_SECRET"] is True
    assert {"CONN_MAX_AGE", "ISOKO_CELERY_VISIBILITY_TIMEOUT", "LOG_FORMAT", "SENTRY_DSN"} <= set(
        read
    )
    assert "WEB_CONCURRENCY" in read  # deploy/gunicorn.conf.py


def test_every_variable_the_settings_read_is_in_the_readme():
    rows = readme_table()
    missing = {
        f"{variable} ({path.relative_to(ROOT)})"
        for path in SOURCES
        for variable in variables_read(path)
        if variable not in rows
    }
    assert not missing, f"README's 'Production and operations' table lacks: {sorted(missing)}"


def test_every_variable_production_requires_is_marked_required():
    rows = readme_table()
    required = variables_read(ROOT / "config" / "settings" / "production.py")
    for variable, is_required in required.items():
        if is_required:
            assert "**required**" in rows[variable], variable
