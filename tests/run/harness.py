"""Start the real `make run` the way a newcomer does, in a copy of the tree, and stop all of it.

The copy (sources, compiled catalogues, the project's .venv linked in) has its own empty var/, so
the test never touches a developer's database, media or mail, and starts from what a fresh clone
gets: migrate, seed_demo, then honcho with the Procfile. The environment is a newcomer's too: no
DATABASE_URL or REDIS_URL (unless a test asks for Redis), no Django or Isoko settings, and no
.env file.
"""

from __future__ import annotations

import contextlib
import email
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
# What a fresh clone does not have (and the developer's own state): never copied.
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "var", ".git", ".env", "__pycache__", ".pytest_cache", ".ruff_cache",
    "node_modules", "staticfiles", "*.pyc",
)  # fmt: skip
# Settings a developer's shell may carry that a newcomer's does not.
CLEARED_PREFIXES = ("DJANGO_", "ISOKO_", "SANDBOX_", "WAGTAIL", "CELERY_", "MAKE", "PYTEST_")
CLEARED = {
    "DATABASE_URL", "REDIS_URL", "DEBUG", "PORT", "ALLOWED_HOSTS", "SECRET_KEY",
    "CSRF_TRUSTED_ORIGINS", "MEDIA_ROOT", "PRIVATE_ROOT", "LOG_LEVEL", "MFLAGS",
}  # fmt: skip
DEMO_PASSWORD = "isoko-demo-2026"  # demo/seed.py's default, ISOKO_DEMO_PASSWORD being unset
STOP_TIMEOUT = 20.0


def free_port(avoid: set[int] = frozenset()) -> int:
    """A port that nothing listens on now. `make run` takes a port number, not a socket, so the
    small race of a port taken between here and runserver's bind is unavoidable; the ephemeral
    range makes it unlikely, and never collides with the defaults 8000 and 8910."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in avoid:
            return port


def newcomer_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CLEARED and not key.startswith(CLEARED_PREFIXES)
    }
    env.update(extra)
    return env


@dataclass
class MakeRun:
    root: Path
    port: int
    sandbox_port: int
    process: subprocess.Popen
    log_path: Path
    started: float
    ready_after: float = 0.0
    groups: set[int] = field(default_factory=set)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sandbox(self) -> str:
        return f"http://127.0.0.1:{self.sandbox_port}"

    def log(self, tail: int = 6000) -> str:
        return self.log_path.read_text(errors="replace")[-tail:]

    def session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # loopback never goes through $http_proxy
        return session

    def mails(self) -> list[email.message.EmailMessage]:
        """Every e-mail the file backend wrote to var/mail (one file per connection, messages
        separated by a line of dashes)."""
        messages = []
        for path in sorted((self.root / "var" / "mail").glob("*")):
            for chunk in re.split(r"\n-{79}\n", path.read_text(errors="replace")):
                if chunk.strip():
                    messages.append(email.message_from_string(chunk, policy=policy.default))
        return messages

    def mail_text(self, to: str, subject_contains: str) -> str:
        for message in self.mails():
            if to in str(message["To"]) and subject_contains in str(message["Subject"]):
                return message.get_body(preferencelist=("plain",)).get_content()
        subjects = [(str(m["To"]), str(m["Subject"])) for m in self.mails()]
        raise AssertionError(f"no e-mail to {to} about {subject_contains!r}; saw {subjects}")

    def wait_until(self, predicate: Callable, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if result:
                return result
            if self.process.poll() is not None:
                raise AssertionError(f"make run exited while waiting for {what}:\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(0.5)

    def note_process_groups(self) -> None:
        """honcho starts each Procfile process in a session of its own, so killing make's group
        would leave them running if honcho died first: remember every group it started."""
        self.groups.update(int(pid) for pid in re.findall(r"started \(pid=(\d+)\)", self.log(0)))

    def stop(self) -> None:
        """SIGTERM to make's group (make, honcho) and to every group honcho started; SIGKILL to
        whatever is left after STOP_TIMEOUT. Safe to call twice, and after a crash."""
        self.note_process_groups()
        groups = {self.process.pid, *self.groups}
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=STOP_TIMEOUT)
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline and any(_alive(g) for g in groups):
            time.sleep(0.2)
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        self.process.wait()


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def copy_tree(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=NOT_COPIED, symlinks=True)
    # The venv is the project's own: `make` finds its stamp files newer than the lock files (copy
    # keeps modification times) and installs nothing.
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


@contextlib.contextmanager
def make_run(workdir: Path, *, ready_timeout: float, **env: str) -> Iterator[MakeRun]:
    """`make run PORT=<free> SANDBOX_PORT=<free>` in a copy of the tree under `workdir`; yields
    once the site and the sandbox answer. Everything it started is stopped on the way out, also
    when the block fails."""
    root = copy_tree(workdir / "isoko")
    port = free_port({8000, 8910})
    sandbox_port = free_port({8000, 8910, port, port + 100, port + 200, port + 300})
    log_path = workdir / "make-run.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}", f"SANDBOX_PORT={sandbox_port}"],
            cwd=root,
            env=newcomer_env(**env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so it can be stopped whole
        )
    run = MakeRun(root, port, sandbox_port, process, log_path, started=time.monotonic())
    try:
        session = run.session()
        run.wait_until(lambda: _answers(session, run.base + "/healthz"), ready_timeout, "the site")
        run.wait_until(
            lambda: _answers(session, run.sandbox + "/_sandbox/health"), 30, "the sandbox"
        )
        run.note_process_groups()
        run.ready_after = time.monotonic() - run.started
        yield run
    finally:
        run.stop()


def _answers(session: requests.Session, url: str) -> bool:
    try:
        return session.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False
