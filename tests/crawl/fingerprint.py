"""A page's fingerprint: what the crawl's browser checks depend on, without the page's own data.

Two pages with the same fingerprint are the same template in the same state, with other data: the
same tags in the same order, with the same classes, roles, types, ARIA states, scripts and
stylesheets, the same wiring of ids (labels, skip links, ARIA references), and text where the
other page has text, any long word as long to within 8 characters.

A page is fingerprinted in two parts: its *frame* (everything but the inside of ``<main>``: the
head, the header with its account menu and role links, the footer) and its *main* (``<main>`` and
what it holds, with what styles and scripts it: its ancestors (``<html>``, ``<body>`` and any
wrapper) with their classes and roles, the page's stylesheets, scripts and viewport). Each
signed-in role has its own frame, but the pages of their own data (profile, e-mail, password,
2FA) hold the same main: the crawl renders a page when either part is new
(tests/crawl/crawler.py), so each frame and each main is checked in the browser once.

What the browser's checks could find only in the combination of a frame and a main, each checked
on another page:
- ids: axe's duplicate-id-aria, and labels or ARIA references from one part to the other. An id
  in both parts is a finding of its own (`Fingerprint.clashes`), on every page, rendered or not;
  a reference to an id of the other part is kept by that id's name, so it stays in the
  fingerprint.
- frame-title-unique: an iframe title in both parts is a clash too.
- colour contrast and the phone's width: they depend on the stylesheets, the viewport and the
  classes of the main's ancestors, which are in both parts' fingerprints; the frame's boxes
  (header, footer) sit above and below ``<main>``, not in it, so neither part's width depends on
  the other's.
- bypass (a skip link, a heading or a landmark): ``<main>`` is a landmark, in the main part.
- the other WCAG A/AA rules axe runs (names, roles, lists, tables, contrast of links in text)
  look at an element and its own subtree or ancestors: inside one part, or the main's
  ancestors, which are in the main's fingerprint. Landmark uniqueness
  and heading order are axe's best practices, not WCAG A/AA rules: the crawl does not run them.
Scripts: every script the page loads is in both parts' fingerprints, so a main is checked with
the same scripts running as on this page.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

# Attributes whose value the checks read (axe's rules, the phone's width): kept as they are.
_KEPT_VALUES = {
    "class",
    "role",
    "type",
    "rel",
    "lang",
    "dir",
    "tabindex",
    "scope",
    "colspan",
    "rowspan",
    "autocomplete",
    "method",
    "http-equiv",
    "accept",
    "inputmode",
    "loading",
    "sizes",
    "width",
    "height",
    "target",
    "controls",
    "autoplay",
    "muted",
    "kind",
}
# Attributes that name other elements by id: kept as which of the page's ids they name.
_ID_REFS = {
    "for",
    "headers",
    "list",
    "form",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-activedescendant",
    "aria-errormessage",
    "aria-details",
    "aria-flowto",
}
# aria-* attributes that hold words: only whether they are empty matters.
_ARIA_WORDS = {"aria-label", "aria-placeholder", "aria-valuetext", "aria-roledescription"}
# Subresources a skipped page would load: fetched instead (_check_resources).
_RESOURCE_ATTRS = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("poster", "src"),
    "audio": ("src",),
    "track": ("src",),
    "script": ("src",),
    "link": ("href",),
}
_LINKED_RESOURCES = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "manifest",
    "preload",
    "modulepreload",
}
# A word this long or longer (an email address, a URL) may overflow a phone: such words count
# by their length, in steps of 8 characters; shorter ones only as text being there.
_LONG_WORD = 16
_WORD_STEP = 8


# In the frame, tags that style or script the main too: in the main's fingerprint as well.
_CONTEXT_TAGS = {"html", "body", "link", "script", "style", "base"}
# Elements without an end tag: never an ancestor.
_VOID = set("area base br col embed hr img input link meta source track wbr".split())
# <meta> values the checks read (axe's meta-refresh and meta-viewport): kept as they are. Other
# meta values are data (the page's description, the signed-in person's offline owner token):
# only whether they are empty counts.
_META_READ = {"viewport"}

FRAME, MAIN = "frame", "main"


class Fingerprint(HTMLParser):
    """Every tag in order, with its attributes' names and the values that the checks read, and
    each run of text only as there, or as the length (in steps) of its longest word if that is
    long; ids as the order in which they first appear in their part, so that labels, skip links
    and ARIA references keep their wiring, and references to the other part's ids by name."""

    def __init__(self):
        super().__init__()
        self.tokens: dict[str, list[tuple]] = {FRAME: [], MAIN: []}
        self.context: list[tuple] = []  # the frame's tags that style or script the main
        self.ids: dict[str, dict[str, int]] = {FRAME: {}, MAIN: {}}
        self.iframe_titles: dict[str, set[str]] = {FRAME: set(), MAIN: set()}
        self.resources: list[str] = []
        self._hidden_text = False  # inside <script> or <style>
        self._main_depth = 0  # how many <main> elements we are inside
        self._open: list[tuple] = []  # the frame's elements open here, outermost first

    @property
    def part(self) -> str:
        return MAIN if self._main_depth else FRAME

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._main_depth += 1
            if self._main_depth == 1:
                self.tokens[FRAME].append(("main",))  # where the main goes
                # Its ancestors (their classes and roles style it and give it its context).
                self.context += [("ancestors",), *self._open, ("/ancestors",)]
        part = self.part
        self._hidden_text = tag in ("script", "style")
        a = dict(attrs)
        described = []
        for name, value in sorted(attrs, key=lambda pair: pair[0]):
            value = value or ""
            if name == "id":
                self.ids[part].setdefault(value, len(self.ids[part]))
                described.append((name, ("id", part, value)))
            elif name in _ID_REFS:
                described.append((name, ("refs", part, tuple(value.split()))))
            elif name == "href" and value.startswith("#"):
                described.append((name, ("refs", part, (value[1:],))))
            elif name in _KEPT_VALUES or (name.startswith("aria-") and name not in _ARIA_WORDS):
                described.append((name, value))
            elif (tag == "script" and name == "src") or (
                tag == "meta"
                and name == "content"
                and (a.get("http-equiv") or (a.get("name") or "").lower() in _META_READ)
            ):
                described.append((name, value))
            elif (
                tag == "link"
                and name == "href"
                and _LINKED_RESOURCES & set((a.get("rel") or "").lower().split())
            ):
                described.append((name, value))
            else:
                described.append((name, "*" if value.strip() else ""))
        token = ("<", tag, tuple(described))
        self.tokens[part].append(token)
        if part == FRAME and tag not in _VOID:
            self._open.append(token)
        if part == FRAME and (
            tag in _CONTEXT_TAGS or (tag == "meta" and (a.get("name") or "").lower() in _META_READ)
        ):
            self.context.append(token)
        if tag in ("iframe", "frame") and a.get("title"):
            self.iframe_titles[part].add(a["title"].strip().lower())
        for name in _RESOURCE_ATTRS.get(tag, ()):
            value = a.get(name)
            if not value or (
                tag == "link" and not _LINKED_RESOURCES & set((a.get("rel") or "").lower().split())
            ):
                continue
            if name == "srcset":
                self.resources += [c.split()[0] for c in value.split(",") if c.strip()]
            else:
                self.resources.append(value)

    def handle_startendtag(self, tag, attrs):
        part = self.part
        self.handle_starttag(tag, attrs)
        if tag == "main":  # <main/> holds nothing
            self._main_depth -= 1
        elif part == FRAME and tag not in _VOID:
            self._open.pop()
        self._hidden_text = False

    def handle_endtag(self, tag):
        self._hidden_text = False
        self.tokens[self.part].append((">", tag))
        if tag == "main" and self._main_depth:
            self._main_depth -= 1
        elif not self._main_depth:
            # Up to the element it closes (elements whose end tag HTML lets out close with it).
            for depth in range(len(self._open) - 1, -1, -1):
                if self._open[depth][1] == tag:
                    del self._open[depth:]
                    break

    def handle_data(self, data):
        words = data.split()
        if words and not self._hidden_text:
            longest = max(len(word) for word in words)
            self.tokens[self.part].append(
                ("text", longest // _WORD_STEP if longest >= _LONG_WORD else 0)
            )

    def clashes(self) -> list[str]:
        """What the browser's checks would find only where this frame and this main meet."""
        problems = [
            f"id {value!r} both in the page's frame and in its <main>"
            for value in self.ids[FRAME]
            if value in self.ids[MAIN]
        ]
        problems += [
            f"iframe title {title!r} both in the page's frame and in its <main>"
            for title in sorted(self.iframe_titles[FRAME] & self.iframe_titles[MAIN])
        ]
        return problems

    def digests(self) -> tuple[str, str]:
        """The frame's fingerprint and the main's."""

        def resolve(value):
            if not isinstance(value, tuple) or value[:1] not in (("id",), ("refs",)):
                return value
            kind, part, names = value
            other = MAIN if part == FRAME else FRAME
            if kind == "id":
                return f"#{self.ids[part][names]}"
            return " ".join(
                f"#{self.ids[part][ref]}"
                if ref in self.ids[part]
                else (f"{other}#{ref}" if ref in self.ids[other] else "?")
                for ref in names
            )

        def digest(tokens):
            lines = []
            for token in tokens:
                if token[0] == "<":
                    attrs = " ".join(f"{name}={resolve(value)!r}" for name, value in token[2])
                    lines.append(f"<{token[1]} {attrs}>")
                else:
                    lines.append(repr(token))
            return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]

        return digest(self.tokens[FRAME]), digest(self.context + self.tokens[MAIN])


def fingerprint(body: str) -> Fingerprint:
    """The page's parsed fingerprint: `digests()` (frame, main), `clashes()`, and the
    subresources it loads (`resources`, relative URLs as written)."""
    parser = Fingerprint()
    parser.feed(body)
    parser.close()
    return parser
