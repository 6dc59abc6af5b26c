"""A bounded breadth-first crawl of the live site in one Playwright browser context.

From a start page it follows every same-site link and submits every GET form (with its default
values, a word in empty text boxes) on each page it reaches, and checks each HTML page:

- no 5xx, no 4xx on a link or form the site itself offered, no debug page;
- no WCAG 2 A/AA violation found by axe-core (node_modules/axe-core, injected by Playwright);
- nothing wider than the 390 px phone the context emulates.

Responses that are not HTML (PDFs, CSV, JSON, images) are fetched with the context's cookies
and must answer 200, but are not rendered or axed.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE_WIDTH = 390

# Paths never followed: they end the session, or are someone else's surface (Django's own admin
# and the parts of Wagtail's admin that are Wagtail's, not ours: the crawl checks our pages).
SKIP_PARTS = ("logout", "/django-admin/", "/i18n/switch/")
# Our own pages inside Wagtail's admin (lms, certificates, marketplace_link register them).
OUR_ADMIN = (
    "/admin/learning-reports/",
    "/admin/certificates/",
    "/admin/storefronts/",
    "/admin/cohort/",
    "/admin/cohortsession/",
)
# Django's and Werkzeug-style debug pages, whatever DEBUG says.
DEBUG_MARKERS = (
    "You're seeing this error because you have",
    "Traceback (most recent call last)",
    'id="traceback"',
    "technical_500",
)

# The links and GET forms on a page, as absolute URLs: a GET form becomes the URL its submit
# would go to, with the form's own values and a word in each empty text box.
_TARGETS_JS = """
() => {
  const links = [...document.querySelectorAll('a[href]')]
    .filter(a => !a.hasAttribute('download'))
    .map(a => a.href);
  const forms = [...document.querySelectorAll('form')]
    .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
    .map(f => {
      const data = new FormData(f);
      for (const input of f.querySelectorAll('input[type=search], input[type=text], input:not([type])')) {
        if (input.name && !input.value) data.set(input.name, 'coffee');
      }
      const url = new URL(f.action || location.href);
      url.search = new URLSearchParams(data).toString();
      return url.href;
    });
  return {links, forms};
}
"""

_AXE_JS = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}
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
    pages: list[str] = field(default_factory=list)  # HTML pages checked, in order
    files: list[str] = field(default_factory=list)  # non-HTML responses checked
    findings: list[Finding] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)


def shape(url: str) -> str:
    """One URL per path and set of query names: ?page=2 and ?page=3 are the same page to check,
    and so are two searches for different words."""
    parts = urlsplit(url)
    names = sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return parts.path + ("?" + "&".join(names) if names else "")


def normalise(url: str, base: str) -> str | None:
    """The URL to visit, without its fragment, or None if the crawl must not follow it."""
    parts = urlsplit(url)
    site = urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc:
        return None
    path = parts.path or "/"
    if any(part in path for part in SKIP_PARTS):
        return None
    if path.startswith("/admin/") and not path.startswith(OUR_ADMIN):
        return None
    query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def crawl(page, start: str, *, page_cap: int, paths: list[str] | None = None) -> Crawl:
    """Crawl from `start` (an absolute URL) in `page`'s context, checking at most `page_cap`
    HTML pages. With `paths`, visit exactly those (relative to the site) and follow nothing."""
    base = urlunsplit(urlsplit(start)[:2] + ("", "", ""))
    result = Crawl(base=base, page_cap=page_cap)
    queue: deque[tuple[str, str]] = deque()
    if paths is None:
        queue.append((start, ""))
    else:
        queue.extend((base + path, "") for path in paths)
    while queue and len(result.pages) < page_cap:
        url, referrer = queue.popleft()
        key = shape(url)
        if key in result._seen:
            continue
        result._seen.add(key)
        targets = _visit(page, url, referrer, result)
        if paths is None:
            for target in targets:
                if (target := normalise(target, base)) and shape(target) not in result._seen:
                    queue.append((target, url))
    return result


def _visit(page, url: str, referrer: str, result: Crawl) -> list[str]:
    try:
        response = page.goto(url, wait_until="load")
    except Exception as exc:  # Playwright raises when the response is a download, not a page
        if "Download is starting" not in str(exc):
            result.findings.append(Finding(url, f"did not load: {exc}", referrer))
            return []
        return _check_file(page, url, referrer, result)
    if response is None:
        result.findings.append(Finding(url, "no response", referrer))
        return []
    final = page.url
    content_type = response.headers.get("content-type", "")
    if "html" not in content_type:
        return _check_file(page, url, referrer, result)
    if response.status >= 400:
        result.findings.append(Finding(url, f"HTTP {response.status}", referrer))
    body = page.content()
    if any(marker in body for marker in DEBUG_MARKERS):
        result.findings.append(Finding(url, "a debug page", referrer))
    if urlsplit(final).netloc != urlsplit(result.base).netloc:
        return []  # redirected off the site: nothing of ours to check
    if final != url and shape(final) in result._seen:
        return []  # redirected to a page already checked
    result._seen.add(shape(final))
    result.pages.append(urlsplit(final).path + (f"?{urlsplit(final).query}" * bool(urlsplit(final).query)))
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        wide = page.evaluate(_WIDEST_JS, PHONE_WIDTH)
        result.findings.append(Finding(final, f"{width} px wide on a 390 px phone: {wide}"))
    # Evaluated, not added as a <script>: the site's Content-Security-Policy stays on (and
    # rightly refuses inline scripts), so the pages are checked as visitors get them.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    for violation in page.evaluate(_AXE_JS, AXE_TAGS):
        result.findings.append(
            Finding(
                final,
                f"axe {violation['id']} ({violation['impact']}): {violation['help']}"
                f" at {violation['targets']}",
            )
        )
    targets = page.evaluate(_TARGETS_JS)
    return targets["links"] + targets["forms"]


# The innermost elements that stick out past the phone's right edge, to name in a finding.
_WIDEST_JS = """
(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 3)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))
"""


@cache
def _axe_source() -> str:
    return AXE.read_text()


def _check_file(page, url: str, referrer: str, result: Crawl) -> list[str]:
    response = page.context.request.get(url, max_redirects=5)
    result.files.append(urlsplit(url).path)
    if response.status != 200:
        result.findings.append(Finding(url, f"HTTP {response.status}", referrer))
    return []
