"""Start the sandbox marketplace as a real subprocess: reusable by any test package.

    from tests.sandbox.server import start_sandbox
    sandbox = start_sandbox(tmp_path, SANDBOX_WEBHOOK_URL=url)
    ...
    sandbox.stop()

The sandbox binds port 0 and prints its URL as its first line, so there is no free-port race.
Its log (every request) goes to ``tmp_path / "sandbox.log"``.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEY_ID = "test-key"
SECRET = "test-secret-0123456789"
START_TIMEOUT = 15.0


@dataclass
class Sandbox:
    url: str
    process: subprocess.Popen
    log_path: Path
    key_id: str = KEY_ID
    secret: str = SECRET
    _log: object = field(default=None, repr=False)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        if self._log:
            self._log.close()

    def control(self, method: str, path: str, body: dict | None = None) -> dict:
        """Call an unsigned /_sandbox/* endpoint and return its JSON."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with _opener.open(request, timeout=10) as response:
            return json.loads(response.read())

    def faults(self, **faults) -> dict:
        return self.control("POST", "/_sandbox/faults", faults)

    def stats(self) -> dict:
        return self.control("GET", "/_sandbox/stats")

    def reset(self) -> None:
        self.control("POST", "/_sandbox/faults", {"clear": True})
        self.control("POST", "/_sandbox/reset", {})

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


# Loopback must never go through $http_proxy.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def start_sandbox(tmp_path: Path, **env: str) -> Sandbox:
    """Start ``python -m marketplace_sandbox`` with its own database under ``tmp_path``.

    ``env`` adds or overrides SANDBOX_* variables; by default the key is (KEY_ID, SECRET), the
    review delay 0.1 s and webhooks are retried quickly.
    """
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SANDBOX_")}
    full_env.update(
        {
            "SANDBOX_DB": str(tmp_path / "sandbox.sqlite3"),
            "SANDBOX_KEYS": json.dumps({KEY_ID: SECRET}),
            "SANDBOX_REVIEW_DELAY": "0.1",
            "SANDBOX_WEBHOOK_RETRY_BASE": "0.1",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
    )
    log_path = tmp_path / "sandbox.log"
    log = open(log_path, "ab")  # noqa: SIM115 - closed by Sandbox.stop()
    process = subprocess.Popen(
        [sys.executable, "-m", "marketplace_sandbox", "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=log,
    )
    deadline = time.monotonic() + START_TIMEOUT
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([process.stdout], [], [], max(remaining, 0))
        if not ready or process.poll() is not None:
            process.kill()
            log.close()
            raise RuntimeError(f"the sandbox did not start:\n{log_path.read_text()}")
        chunk = os.read(process.stdout.fileno(), 1)
        if not chunk:
            continue
        line += chunk
    url = line.decode().strip().rsplit(" ", 1)[-1]
    sandbox = Sandbox(url=url, process=process, log_path=log_path, _log=log)
    assert sandbox.control("GET", "/_sandbox/health")["status"] == "ok"
    return sandbox
