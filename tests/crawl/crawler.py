"""A bounded breadth-first crawl of the live site in one Playwright browser context.

From a start page it follows every same-site link and submits every GET form (with its own
values, and a word in each empty text box) on each page it reaches. Every response must be free
of 5xx, of 4xx other than a refusal page (403), and of debug pages; responses that are not HTML
(PDFs, CSV, JSON) must answer 200.

Each HTML page is also rendered in the browser on a 390 px phone and checked there: no WCAG 2
A/AA violation found by axe-core (node_modules/axe-core), nothing wider than the phone, no
script error or Content-Security-Policy breach, no missing image, stylesheet or script. The
rendering is what costs, so a page is rendered only if no page of the same shape and status was
rendered in the same language (by this role or an earlier one; pages of a person's own data: by
this role), and its *frame* or its *main* is new there: its frame (the head, the header with the
account menu, the footer) and its `<main>` with that status were not both already rendered,
each on some page (tests/crawl/fingerprint.py: the same template in the same state, with other
data; and why a frame and a main each checked are checked together).
A page not rendered is
still fetched (same cookies, every check on the response, every link followed), and so are the
images and files it loads. Each page reached is listed with the page checked for it
(var/crawl/).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from tests.crawl.fingerprint import FRAME, MAIN, Fingerprint

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Wall seconds per step of the crawl (fetching and parsing a page, loading it in the browser and
# measuring its width, injecting axe, running it), for the terminal summary (conftest.py).
SECONDS: dict[str, float] = defaultdict(float)
# CPU seconds of the test process while it fetched pages: the live server's render in its
# thread and the Playwright client's share (not the driver's or Chromium's, other processes).
# On a loaded machine the fetches' wall time is mostly waiting for a core (7 December: 132 s of
# wall, 33 s of this CPU), so this is the figure to weigh a fetch by.
FETCH_CPU: dict[str, float] = defaultdict(float)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE_WIDTH = 390

# Paths never followed: they end the session or change the language (the test switches it with
# the site's own switcher), or are Django's admin, which is not ours.
SKIP_PARTS = ("logout", "/django-admin/", "/i18n/switch/")
# Our own pages inside Wagtail's admin (lms, certificates, marketplace_link register them); the
# rest of the admin is Wagtail's.
OUR_ADMIN = (
    "/admin/learning-reports/",
    "/admin/certificates/",
    "/admin/storefronts/",
    "/admin/cohort/",
    "/admin/cohortsession/",
)
DEBUG_MARKERS = (
    "You're seeing this error because you have",
    "Traceback (most recent call last)",
    'id="traceback"',
)
# Pages that show the signed-in person's own data (their dashboard, cohorts, applications, the
# admin lists they may see), with or without a language prefix: every role's are checked, unless
# one of the same fingerprint was (the same template in the same state, other data).
_PERSONAL = re.compile(r"^(/[a-z]{2}(-[a-z]+)?)?/(dashboard|learn|accounts|storefront|admin)/")
_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
# Our own (non-Wagtail) pages, with or without a language prefix.
_APP = re.compile(r"^(/[a-z]{2}(-[a-z]+)?)?/(accounts|dashboard|learn|storefronts?|certificates)/")
_DOCUMENT = re.compile(r"<html[\s>]", re.IGNORECASE)
_ID = re.compile(r"^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")

_AXE_JS = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}
"""

# The innermost elements that stick out past the phone's right edge, to name in a finding.
_WIDEST_JS = """
(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 3)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
       (typeof e.className === 'string' && e.className.trim()
        ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))
"""


@dataclass
class Finding:
    url: str
    problem: str
    referrer: str = ""

    def __str__(self) -> str:
        via = f" (linked from {self.referrer})" if self.referrer else ""
        return f"{self.url}: {self.problem}{via}"


@dataclass
class Crawl:
    base: str
    page_cap: int
    # (shape, status[, role]) and (fingerprint, status) -> the page checked in the browser for it
    rendered: dict[tuple, str]
    role: str
    language: str = ""  # the UI language every page must be in, if given
    pages: list[str] = field(default_factory=list)  # HTML pages reached
    checked: list[str] = field(default_factory=list)  # of which rendered and checked here
    same: dict[str, str] = field(default_factory=dict)  # the others: page -> the one checked
    files: list[str] = field(default_factory=list)  # non-HTML responses
    findings: list[Finding] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def shape(url: str) -> str:
    """One URL per path shape and set of query names: ?page=2 and ?page=3 are one page to
    check, and so are /sessions/1/code/ and /sessions/2/code/."""
    parts = urlsplit(url)
    path = "/".join("<id>" if _ID.match(part) else part for part in parts.path.split("/"))
    names = sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(names) if names else "")


def normalise(url: str, base: str) -> str | None:
    """The URL to visit, without its fragment, or None if the crawl must not follow it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
        return None
    path = parts.path or "/"
    if any(part in path for part in SKIP_PARTS):
        return None
    if path.startswith("/admin/") and not path.startswith(OUR_ADMIN):
        return None
    query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def crawl(
    page,
    start: str,
    *,
    page_cap: int,
    rendered: dict[tuple, str],
    role: str,
    language: str = "",
    also: tuple[str, ...] = (),
) -> Crawl:
    """Crawl from `start` (an absolute URL), then from the paths in `also`, in `page`'s browser
    context as `role`, reaching at most `page_cap` HTML pages. `rendered` is shared between the
    crawls of one language."""
    base = urlunsplit(urlsplit(start)[:2] + ("", "", ""))
    if not hasattr(page, "_crawl_errors"):
        # A script error or a breach of the page's own Content-Security-Policy shows up here.
        page._crawl_errors = []
        # axe-core, defined in each page the browser loads from now on (the top document only,
        # as when it was evaluated after the load: axe.run then finds no axe in iframes to
        # wait for). Playwright registers it once, instead of sending its 500 kB source with
        # every render: per render ~0.25 s less in a measurement of 8 pages. It only defines
        # `axe`; it runs when _render_and_check calls it, after the load, as before.
        page.add_init_script(script=f"if (window === window.top) {{\n{_axe_source()}\n}}")
        page.on("pageerror", lambda exc: page._crawl_errors.append(str(exc)))
        page.on("console", lambda m: _console(page, m))
        # A missing image, stylesheet or script (the page's own status is checked on its own).
        page.on(
            "response",
            lambda r: (
                page._crawl_errors.append(f"HTTP {r.status} for {r.url}")
                if r.status >= 400 and not r.request.is_navigation_request()
                else None
            ),
        )
    result = Crawl(base=base, page_cap=page_cap, rendered=rendered, role=role, language=language)
    queue: deque[tuple[str, str]] = deque([(start, "")] + [(base + path, "") for path in also])
    while queue and len(result.pages) < page_cap:
        url, referrer = queue.popleft()
        if shape(url) in result.seen:
            continue
        result.seen.add(shape(url))
        for target in _visit(page, url, referrer, result):
            if (target := normalise(target, base)) and shape(target) not in result.seen:
                queue.append((target, url))
    return result


def _visit(page, url: str, referrer: str, result: Crawl) -> list[str]:
    started = time.perf_counter()
    try:
        return _fetch_and_check(page, url, referrer, result)
    finally:
        SECONDS["all"] += time.perf_counter() - started


def _fetch_and_check(page, url: str, referrer: str, result: Crawl) -> list[str]:
    cpu = time.process_time()
    response = page.context.request.get(url, max_redirects=10)
    raw = response.body()
    FETCH_CPU["all"] += time.process_time() - cpu
    final = response.url
    if response.status >= 400 and response.status != 403:
        # 403 is a refusal page the site means to show (a locked lesson, the admin to a
        # learner): it is checked like any page.
        result.findings.append(Finding(url, f"HTTP {response.status}", referrer))
    if "text/html" not in response.headers.get("content-type", ""):
        result.files.append(urlsplit(final).path)
        if response.status != 200:
            result.findings.append(Finding(url, f"HTTP {response.status} (not HTML)", referrer))
        return []
    body = raw.decode()
    if any(marker in body for marker in DEBUG_MARKERS):
        result.findings.append(Finding(url, "a debug page", referrer))
    if urlsplit(final).netloc != urlsplit(result.base).netloc:
        return []  # redirected off the site: nothing of ours to check
    if final != url:
        if shape(final) in result.seen:
            return []  # redirected to a page already reached
        result.seen.add(shape(final))
    if not _DOCUMENT.search(body):
        # A fragment for a script to swap into a page (Wagtail's listing results): no page of
        # its own, so nothing to render; its status and content were checked above.
        return _targets(_parse(body), final)
    lang = _LANG.search(body)
    if result.language and lang and lang.group(1) != result.language:
        # A course page's language is its content's: the catalogue in Kinyarwanda lists the
        # English courses, at their English addresses. Our own pages (sign-up, dashboard, the
        # learner's and facilitator's pages) are in every language: reaching one in another
        # language means a link dropped the reader's. Either way the crawl of this language
        # stops here: the English crawl covers English pages.
        if _APP.match(urlsplit(final).path):
            problem = f"in {lang.group(1)!r}, not the reader's {result.language!r}"
            result.findings.append(Finding(final, problem, referrer))
        return []
    parts = urlsplit(final)
    result.pages.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    key = (shape(final), response.status)
    if _PERSONAL.match(parts.path):
        key += (result.role,)  # the role's own data: check each role's
    parsed = _parse(body)
    for clash in parsed.clashes():
        result.findings.append(Finding(final, clash, referrer))
    frame, main = parsed.digests()
    frame_key, main_key = (FRAME, frame), (MAIN, main, response.status)
    same = result.rendered.get(key)
    if same is None and frame_key in result.rendered and main_key in result.rendered:
        # Its frame was checked on one page and its main (with this status) on another: what
        # the browser would find here it found there (tests/crawl/fingerprint.py says why).
        frame_page, main_page = result.rendered[frame_key], result.rendered[main_key]
        same = main_page if frame_page == main_page else f"frame {frame_page}, main {main_page}"
    if same is None:
        result.checked.append(result.pages[-1])
        for known in (key, frame_key, main_key):
            result.rendered.setdefault(known, result.pages[-1])
        _render_and_check(page, final, result)
    else:
        # The same shape and answer, or a frame and a main each checked in this language: the
        # browser would find here what it found there, except a missing image or file of this
        # page's own, which is fetched instead.
        result.same[result.pages[-1]] = same
        # Its shape and answer count as checked too, for the roles after this one.
        result.rendered.setdefault(key, same)
        _check_resources(page, final, parsed.resources, result)
    return _targets(parsed, final)


# (role, URL) -> status of the subresources fetched for pages not rendered: once each per run.
_RESOURCE_STATUS: dict[tuple[str, str], int] = {}


def _check_resources(page, url: str, resources: list[str], result: Crawl) -> None:
    for resource in dict.fromkeys(urljoin(url, r) for r in resources):
        parts = urlsplit(resource)
        if parts.scheme == "data":
            continue
        if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(result.base).netloc:
            # The site's Content-Security-Policy lets pages load from their own site only.
            result.findings.append(Finding(url, f"loads {resource} from another site"))
            continue
        if (result.role, resource) not in _RESOURCE_STATUS:
            answer = page.context.request.get(resource, max_redirects=10)
            _RESOURCE_STATUS[(result.role, resource)] = answer.status
            answer.dispose()
        if (status := _RESOURCE_STATUS[(result.role, resource)]) >= 400:
            result.findings.append(Finding(url, f"HTTP {status} for {resource}"))


def _console(page, message) -> None:
    # Chromium also logs every 4xx as "Failed to load resource": the responses are checked above.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        page._crawl_errors.append(message.text)


def _render_and_check(page, url: str, result: Crawl) -> None:
    page._crawl_errors.clear()
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        wide = page.evaluate(_WIDEST_JS, PHONE_WIDTH)
        result.findings.append(Finding(url, f"{width} px wide on a 390 px phone: {wide}"))
    started = _spent("load", started)
    # An init script (crawl()), not a <script> in the page: the site's Content-Security-Policy
    # stays on (and rightly refuses inline scripts), so pages are checked as visitors get them.
    # (Loading it as a same-origin <script src> ran axe earlier in the page's life: Wagtail's
    # admin dropdowns then failed label-content-name-mismatch.) Evaluated here only if the page
    # came without it.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    started = _spent("axe injection", started)
    for error in page._crawl_errors:
        result.findings.append(Finding(url, f"browser console: {error}"))
    violations = page.evaluate(_AXE_JS, AXE_TAGS)
    _spent("axe run", started)
    for violation in violations:
        result.findings.append(
            Finding(
                url,
                f"axe {violation['id']} ({violation['impact']}): {violation['help']}"
                f" at {violation['targets']}",
            )
        )


def _spent(step: str, started: float) -> float:
    now = time.perf_counter()
    SECONDS[step] += now - started
    return now


@cache
def _axe_source() -> str:
    return AXE.read_text()


def _parse(body: str) -> _Page:
    parser = _Page()
    parser.feed(body)
    parser.close()
    return parser


def _targets(parser: _Page, url: str) -> list[str]:
    targets = [urljoin(url, href) for href in parser.links]
    for action, fields in parser.forms:
        parts = urlsplit(urljoin(url, action or url))
        targets.append(urlunsplit(parts[:3] + (urlencode(fields), "")))
    return targets


class _Page(Fingerprint):
    """The page's fingerprint (Fingerprint), and in the same pass its links, and its GET forms
    as the query their submit button would send."""

    TEXT = {"text", "search", ""}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, selected, first

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self._target(tag, dict(attrs))

    def _target(self, tag, a):
        if tag == "a" and a.get("href") and "download" not in a:
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = []
            self.forms.append((a.get("action") or "", self._form))
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._select[2].append(value)
            if "selected" in a:
                self._select[1].append(value)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            value = a.get("value") or ""
            self._form.append((a["name"], value or ("coffee" if kind in self.TEXT else value)))
        elif tag == "select":
            self._select = (a["name"], [], [])
        elif tag == "textarea":
            self._form.append((a["name"], "coffee"))

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            name, selected, first = self._select
            chosen = (selected or first)[:1]
            self._form.extend((name, value) for value in chosen)
            self._select = None
