"""iCalendar (RFC 5545) files for cohort sessions, written by hand: the format is small, and a
calendar library would be a new dependency for about a hundred lines.

- Times are written in UTC (``20260301T070000Z``), so no VTIMEZONE is needed and every calendar
  app shows them in its own zone.
- ``UID`` is stable per session (``session-<id>@isoko``) and ``SEQUENCE`` is the session's
  ``sequence``, raised on every change of time or place: a calendar app that imported the event
  replaces it with the newer version instead of adding a second one.
- TEXT values escape backslashes, semicolons, commas and newlines (§3.3.11); content lines are
  folded at 75 octets, never inside a UTF-8 character, and end with CRLF (§3.1).
- ``method`` is ``PUBLISH`` for downloads, ``REQUEST`` for e-mailed reminders and ``CANCEL`` for
  the e-mail that says a session is cancelled (RFC 5546 §3.2). Those two carry ORGANIZER and
  ATTENDEE, which iTIP requires.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.cohorts.models import CohortSession

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Isoko//Cohort sessions//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Control characters are not allowed in TEXT values (§3.3.11), except HTAB.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value (§3.2): quoted when it holds a separator; DQUOTE itself cannot appear."""
    value = _CONTROLS.sub("", value.replace('"', "'")).replace("\n", " ")
    return f'"{value}"' if any(char in value for char in ",:;") else value


def fold(line: str) -> str:
    """Split a content line so that no physical line is longer than 75 octets; each
    continuation starts with one space, which counts towards its 75."""
    if len(line.encode()) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    chunk: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append("".join(chunk))
            chunk, size, limit = [], 0, MAX_OCTETS - 1
        chunk.append(char)
        size += width
    pieces.append("".join(chunk))
    return (CRLF + " ").join(pieces)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_uid(session: CohortSession) -> str:
    return f"session-{session.pk}@isoko"


def _description(session: CohortSession) -> str:
    parts = [session.agenda.strip()] if session.agenda.strip() else []
    if session.meeting_url:
        parts.append(_("Online meeting: %(url)s") % {"url": session.meeting_url})
    return "\n\n".join(parts)


def event_lines(
    session: CohortSession,
    *,
    url: str,
    dtstamp: datetime,
    organizer: tuple[str, str] | None = None,
    attendee: tuple[str, str] | None = None,
) -> list[str]:
    """The VEVENT of one session, unfolded. ``organizer`` and ``attendee`` are (name, e-mail)."""
    summary = session.title
    if session.cancelled:
        # STATUS says it to calendar apps; the title says it to people whose app ignores STATUS.
        summary = _("Cancelled: %(title)s") % {"title": session.title}
    lines = [
        "BEGIN:VEVENT",
        f"UID:{session_uid(session)}",
        f"DTSTAMP:{utc(dtstamp)}",
        f"DTSTART:{utc(session.starts_at)}",
        f"DTEND:{utc(session.ends_at)}",
        f"SEQUENCE:{session.sequence}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    description = _description(session)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    location = session.venue or session.meeting_url
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"URL:{url}")
    lines.append("STATUS:CANCELLED" if session.cancelled else "STATUS:CONFIRMED")
    lines.append("TRANSP:OPAQUE")
    if organizer:
        name, email = organizer
        lines.append(f"ORGANIZER;CN={_param(name)}:mailto:{email}")
    if attendee:
        name, email = attendee
        lines.append(f"ATTENDEE;CN={_param(name)};ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{email}")
    lines.append("END:VEVENT")
    return lines


def calendar(
    sessions: Iterable[CohortSession],
    *,
    url_for: Callable[[CohortSession], str],
    method: str = "PUBLISH",
    name: str = "",
    dtstamp: datetime | None = None,
    organizer: tuple[str, str] | None = None,
    attendee: tuple[str, str] | None = None,
) -> str:
    """A whole VCALENDAR with one VEVENT per session, folded, with CRLF line endings."""
    dtstamp = dtstamp or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
    ]
    if name:
        lines += [f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}"]
    for session in sessions:
        lines += event_lines(
            session,
            url=url_for(session),
            dtstamp=dtstamp,
            organizer=organizer,
            attendee=attendee,
        )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
