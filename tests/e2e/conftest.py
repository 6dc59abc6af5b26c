"""Playwright driving Debian's Chromium (never a downloaded browser) against live_server."""

from __future__ import annotations

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page
    context.close()
    # A page that breaks its own Content-Security-Policy, or throws, fails the journey.
    assert not problems, problems


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def log_in(page, base: str, email: str) -> None:
    """A learner signs in through allauth's page and lands on the dashboard."""
    import re

    from tests.accounts.factories import PASSWORD

    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url("**/dashboard/")


def fresh_code(secret: str) -> str:
    """A code with a few seconds of its 30-s window left: one typed at the window's very end
    reaches the server in the next window (on a busy machine) and is refused."""
    import time

    import pyotp

    totp = pyotp.TOTP(secret)
    left = totp.interval - time.time() % totp.interval
    if left < 8:
        time.sleep(left + 0.2)
    return totp.now()
