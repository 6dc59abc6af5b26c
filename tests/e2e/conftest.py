"""Playwright driving Debian's Chromium (never a downloaded browser) against live_server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_pages import watched_page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def page(chromium):
    # A page that breaks its own Content-Security-Policy, or throws, fails the journey.
    with watched_page(chromium, width=390, height=844) as page:
        yield page


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
