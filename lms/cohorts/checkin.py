"""Self check-in codes: six digits that change every 30 seconds, like TOTP (RFC 6238).

A code is an HMAC-SHA256 of the session id and the 30-second time step, under a key derived from
SECRET_KEY, so nothing is stored: the facilitator's screen and the server compute the same code
independently. The current and the previous step are accepted, so a learner who reads the code
just before it changes still has up to a minute to type it. Codes work only within the session's
window, from 15 minutes before it starts to 15 minutes after it ends.

These are pure functions of a session and a moment; ``now`` is a module function so tests can
move the clock without a time-freezing library.
"""

from __future__ import annotations

import base64
import hmac
import io
from datetime import datetime, timedelta
from enum import Enum

from django.utils import timezone
from django.utils.crypto import salted_hmac

STEP = 30  # seconds a code is shown for
DIGITS = 6
MARGIN = timedelta(minutes=15)
ACCEPTED_STEPS = 2  # the current step and the one before it
ATTEMPTS_PER_MINUTE = 5  # per learner and session; ISOKO_LMS_RATE_LIMITS["checkin"] overrides
KEY_SALT = "isoko.lms.cohorts.checkin"


class Check(Enum):
    OK = "ok"
    WRONG = "wrong"  # wrong or expired: the learner cannot tell them apart, nor should a guesser
    CLOSED = "closed"  # outside the session window
    CANCELLED = "cancelled"


def now() -> datetime:
    return timezone.now()


def step_at(moment: datetime) -> int:
    return int(moment.timestamp() // STEP)


def seconds_left(moment: datetime) -> int:
    """Seconds until the code shown at ``moment`` is replaced by the next one (1..STEP)."""
    return STEP - int(moment.timestamp() % STEP)


def code_for(*, session_id: int, step: int) -> str:
    # salted_hmac derives its key as SHA-256(salt + SECRET_KEY); then HOTP's dynamic truncation
    # (RFC 4226 §5.3) turns the digest into evenly spread decimal digits.
    digest = salted_hmac(KEY_SALT, f"{session_id}:{step}", algorithm="sha256").digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 10**DIGITS:0{DIGITS}d}"


def window(session) -> tuple[datetime, datetime]:
    return session.starts_at - MARGIN, session.ends_at + MARGIN


def is_open(session, *, at: datetime | None = None) -> bool:
    opens, closes = window(session)
    return opens <= (at or now()) <= closes


def current_code(session, *, at: datetime | None = None) -> str | None:
    """The code to show now, or None when check-in is closed."""
    at = at or now()
    if session.cancelled or not is_open(session, at=at):
        return None
    return code_for(session_id=session.pk, step=step_at(at))


def normalise(code: str) -> str:
    # People type "123 456" as shown, or paste "123-456".
    return "".join(character for character in code if character not in " -\u00a0\u2009")


def code_check(session, code: str, *, at: datetime | None = None) -> Check:
    at = at or now()
    if session.cancelled:
        return Check.CANCELLED
    if not is_open(session, at=at):
        return Check.CLOSED
    typed = normalise(code or "")
    if len(typed) != DIGITS or not typed.isdigit():
        return Check.WRONG
    step = step_at(at)
    matches = [
        hmac.compare_digest(typed, code_for(session_id=session.pk, step=step - back))
        for back in range(ACCEPTED_STEPS)
    ]
    return Check.OK if any(matches) else Check.WRONG


def display(code: str) -> str:
    """ "123456" → "123 456": two groups of three are easier to read aloud and to type."""
    return f"{code[:3]} {code[3:]}"


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI (the CSP allows images from data:, and an SVG
    shown through <img> cannot run scripts)."""
    import segno  # the one QR library (certificates' PDFs use it too)

    # A standalone document (an <img> needs the namespace) with a viewBox and no size, so it
    # scales to the <img>'s size, sharp.
    svg = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        svg, kind="svg", xmldecl=False, omitsize=True, svgclass=None, lineclass=None, dark="#000"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode("ascii")
