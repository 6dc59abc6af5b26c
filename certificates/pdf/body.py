"""The certificate's body text: placeholders filled, user text escaped."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Only these four are placeholders. Anything else in braces ("{nom}", a lone "{") stays as
# typed: str.format() would raise on it, and an editor's typo must not stop an issue.
PLACEHOLDER = re.compile(r"\{(name|course|date|hours)\}")


def fill_body(body: str, values: dict[str, str]) -> SafeString:
    """HTML for `body` with {name} {course} {date} {hours} replaced by `values`.

    The editor's text and every value are escaped (a name may contain "<" or "&"); the name and
    course get a class so the page can set them off. A body without {name} or {course} still
    shows them: a certificate that does not say whose it is, or for what, is useless. Blank
    lines separate paragraphs, single newlines break lines.
    """
    text = escape(str(body).replace("\r\n", "\n"))

    def value(match: re.Match) -> str:
        key = match[1]
        return f'<span class="{key}">{escape(values[key])}</span>'

    used = set(PLACEHOLDER.findall(text))
    html = PLACEHOLDER.sub(value, text)
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
    if "name" not in used:
        paragraphs.insert(0, f'<span class="name">{escape(values["name"])}</span>')
    if "course" not in used:
        paragraphs.append(f'<span class="course">{escape(values["course"])}</span>')
    return mark_safe("".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs))
