"""Both Procfiles `make run` starts wire the two ports the same way, in seconds.

The real honcho starts each Procfile with the environment `make run` gives it (PORT, ISOKO_PORT,
SANDBOX_PORT), but `python` and `celery` are stand-ins that record how they were started and what
the dev settings compute in that process, then exit. honcho gives each process a PORT of its own
(PORT, PORT+100, …), so any line (or setting) that reads PORT instead of ISOKO_PORT shows here.
test_make_run.py walks the embedded Procfile for real; this also covers Procfile.dev (the worker
and beat with REDIS_URL), which no test starts for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.run.harness import ROOT, free_port, newcomer_env

STAND_IN = """#!{python}
# Stands in for `python` and `celery`: records its command line, its ports, and the addresses the
# dev settings compute in this process; waits until every process has, then exits.
import importlib, json, os, sys, time, uuid
sys.path.insert(0, os.getcwd())
settings = importlib.import_module("config.settings.dev")
record = {{
    "argv": [os.path.basename(sys.argv[0]), *sys.argv[1:]],
    "env": {{k: os.environ.get(k) for k in ("PORT", "ISOKO_PORT", "SANDBOX_PORT",
                                          "SANDBOX_WEBHOOK_URL")}},
    "base_url": settings.WAGTAILADMIN_BASE_URL,
    "marketplace_url": settings.ISOKO_MARKETPLACE_URL,
}}
out = os.environ["STAND_IN_DIR"]
with open(os.path.join(out, uuid.uuid4().hex + ".json"), "w") as f:
    json.dump(record, f)
deadline = time.monotonic() + 60
while len(os.listdir(out)) < int(os.environ["STAND_IN_EXPECT"]) and time.monotonic() < deadline:
    time.sleep(0.05)
"""


def role(argv: list[str]) -> str:
    """runserver, marketplace_outbox_loop, worker, beat or sandbox."""
    if "marketplace_sandbox" in argv:
        return "sandbox"
    return argv[2] if argv[1] == "manage.py" else argv[3]


def processes(procfile: str) -> int:
    lines = (ROOT / procfile).read_text().splitlines()
    return sum(1 for line in lines if line.strip() and not line.lstrip().startswith("#"))


@pytest.mark.parametrize("procfile", ["Procfile.embedded", "Procfile.dev"])
def test_every_process_gets_the_sites_and_the_sandboxs_port(procfile, tmp_path):
    honcho = ROOT / ".venv" / "bin" / "honcho"
    if not honcho.exists():
        pytest.skip("the project's .venv (with honcho) is missing")
    bin_dir, out = tmp_path / "bin", tmp_path / "out"
    bin_dir.mkdir()
    out.mkdir()
    for name in ("python", "celery"):
        stand_in = bin_dir / name
        stand_in.write_text(STAND_IN.format(python=sys.executable))
        stand_in.chmod(0o755)
    port = free_port({8000, 8910})
    sandbox_port = free_port({8000, 8910, port})
    env = newcomer_env(
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        PORT=str(port),  # what `make run` gives honcho: its base port …
        ISOKO_PORT=str(port),  # … and the two ports, for every process
        SANDBOX_PORT=str(sandbox_port),
        STAND_IN_DIR=str(out),
        STAND_IN_EXPECT=str(processes(procfile)),
        PYTHONWARNINGS="ignore",
    )
    result = subprocess.run(
        [str(honcho), "-f", procfile, "start"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    records = [json.loads(path.read_text()) for path in out.glob("*.json")]
    assert len(records) == processes(procfile), result.stdout + result.stderr

    site, sandbox = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{sandbox_port}"
    by_role = {}
    for record in records:
        argv = record["argv"]
        by_role[role(argv)] = record
        # Every Django process (web, outbox loop, worker, beat) builds the same addresses.
        assert record["base_url"] == site, record
        assert record["marketplace_url"] == sandbox, record

    web = by_role["runserver"]["argv"]
    assert f"127.0.0.1:{port}" in web and "--nostatic" in web, web
    sandbox_process = by_role["sandbox"]
    assert sandbox_process["argv"][-2:] == ["--port", str(sandbox_port)], sandbox_process
    assert sandbox_process["env"]["SANDBOX_WEBHOOK_URL"] == f"{site}/marketplace/webhooks/"
