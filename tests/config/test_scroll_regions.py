"""Every box that scrolls sideways (a wide table or an error log on a phone) can be reached and
scrolled with the keyboard: axe's scrollable-region-focusable, found by the crawl (tests/crawl/)
on the storefront application's audit trail in the admin. A focusable box needs a name too, so a
screen reader says what it is."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SCROLL_BOX = re.compile(r"<(div|pre)\b[^>]*class=\"[^\"]*(w-overflow-x-auto|table-scroll)[^>]*>")


def test_every_scroll_box_is_focusable_and_named():
    boxes = {
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}": match.group(0)
        for path in TEMPLATES.rglob("*.html")
        for match in SCROLL_BOX.finditer(path.read_text())
    }
    assert len(boxes) > 10
    unreachable = [where for where, tag in boxes.items() if 'tabindex="0"' not in tag]
    assert unreachable == []
    nameless = [
        where
        for where, tag in boxes.items()
        if tag.startswith("<div") and not re.search(r'role="region".*aria-label', tag)
    ]
    assert nameless == []
