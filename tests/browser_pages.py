"""A browser page that fails its test on a script error: the one shape of every ``page`` and
``phone`` fixture of the browser tests (tests/e2e, tests/offline, tests/impact)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def watched_page(
    chromium,
    *,
    width: int,
    height: int,
    timeout: int = 15_000,
    console_errors: bool = True,
    console_ignore: tuple[str, ...] = (),
) -> Iterator:
    """A page in a context of its own, ``width`` x ``height``, in English. When the test is done,
    an uncaught script error fails it, and so does an error in the console (a page breaking its
    own Content-Security-Policy, say) unless ``console_errors`` is False or the message contains
    one of ``console_ignore`` (offline tests expect requests to fail)."""
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(timeout)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    if console_errors:

        def on_console(message) -> None:
            if message.type == "error" and not any(part in message.text for part in console_ignore):
                problems.append(message.text)

        page.on("console", on_console)
    yield page
    context.close()
    assert not problems, problems
