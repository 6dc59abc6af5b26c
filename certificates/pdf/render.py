"""Render a certificate to PDF with WeasyPrint, fast, in a warm worker process.

Almost all of a naive render's time goes to fonts: WeasyPrint subsets every font it embeds, on
every render, and a system font is big. So a worker keeps one Renderer for its lifetime:

- one FontConfiguration, so each @font-face file is registered with Fontconfig and opened by
  Pango once, not once per PDF;
- the stylesheet parsed once (weasyprint.CSS), @font-face rules included;
- small pre-subset fonts from static/fonts/ (certificates/pdf/build_fonts.py), which HarfBuzz's
  subsetter cuts down further to the glyphs used in a few milliseconds;
- logo and signature images behind content-addressed URLs served from memory, with WeasyPrint's
  image cache shared between renders, so a cohort's template images are decoded once.

bench/certificate_render.py measures it against plain ``HTML(string=...).write_pdf()``.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import formats, translation
from django.utils.safestring import mark_safe

from certificates.pdf.body import fill_body
from certificates.pdf.look import CertificateLook, safe_colour

logger = logging.getLogger(__name__)

TEMPLATE = "certificates/pdf/certificate.html"
STYLESHEET = "certificates/pdf/certificate.css"
FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
# (family, weight, file): the families certificate.css names. Only these are embedded; a glyph
# they lack (a script we do not ship) falls back to whatever the system has.
FONT_FACES = (
    ("Isoko Serif", 400, "NotoSerif-Regular.latin.ttf"),
    ("Isoko Serif", 700, "NotoSerif-Bold.latin.ttf"),
    ("Isoko Sans SC", 400, "NotoSansSC-Regular.gb2312.otf"),
)
IMAGE_SCHEME = "isoko-image:"
# Distinct template images kept decoded; past this the cache starts again (bounded memory).
IMAGE_CACHE_SIZE = 32
_FONTTOOLS_WARNING = "Using fontTools instead of HarfBuzz-Subset"


@dataclass(frozen=True)
class CertificateContent:
    """What a certificate says about one learner."""

    name: str
    course: str
    issued_on: datetime.date
    hours: int
    code: str
    verify_url: str
    language: str
    issuer_name: str
    expires_on: datetime.date | None = None


def render_pdf(content: CertificateContent, look: CertificateLook) -> bytes:
    """The certificate as PDF bytes: fonts embedded, labels and date in content.language."""
    return _renderer().render(content, look)


def certificate_html(
    content: CertificateContent, look: CertificateLook, inline_css: str = ""
) -> str:
    """The document render_pdf lays out (without its stylesheet unless `inline_css` is given).
    Image URLs use the renderer's in-memory scheme; the benchmark uses this for its baseline."""
    return _renderer().html(content, look, inline_css)


class Renderer:
    """The warm state of one process. Not thread-safe on its own (Pango and Fontconfig objects
    are shared), so render() holds a lock: a worker renders one certificate at a time anyway."""

    def __init__(self):
        # WeasyPrint (and the fontTools it pulls in) costs seconds of CPU to import: only a
        # process that renders pays for it, not every process that loads the URLs.
        from weasyprint import CSS
        from weasyprint.pdf import fonts as weasyprint_fonts
        from weasyprint.text.fonts import FontConfiguration

        from certificates.pdf.fetcher import ResourceFetcher

        self._lock = threading.Lock()
        self.font_config = FontConfiguration()
        self.fetcher = ResourceFetcher(FONTS_DIR, IMAGE_SCHEME)
        self._image_cache: dict = {}
        faces = "\n".join(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'src: url("{(FONTS_DIR / name).as_uri()}"); }}'
            for family, weight, name in FONT_FACES
        )
        self.base_css = render_to_string(STYLESHEET)
        self.stylesheet = CSS(
            string=faces + "\n" + self.base_css,
            font_config=self.font_config,
            url_fetcher=self.fetcher,
        )
        if weasyprint_fonts.harfbuzz_subset is None:
            # WeasyPrint would warn once per font per render; say it once, then keep quiet.
            logger.warning(
                "HarfBuzz's subsetter (libharfbuzz-subset0) is missing: certificate PDFs "
                "fall back to fontTools and render about ten times slower."
            )
            logging.getLogger("weasyprint").addFilter(
                lambda record: not str(record.msg).startswith(_FONTTOOLS_WARNING)
            )

    def render(self, content: CertificateContent, look: CertificateLook) -> bytes:
        from weasyprint import HTML

        with self._lock:
            document = HTML(
                string=self.html(content, look),
                url_fetcher=self.fetcher,
                base_url=FONTS_DIR.as_uri() + "/",
            )
            return document.write_pdf(
                stylesheets=[self.stylesheet],
                font_config=self.font_config,
                cache=self._image_cache,
            )

    def html(self, content: CertificateContent, look: CertificateLook, inline_css: str = "") -> str:
        with translation.override(content.language):
            date = formats.date_format(content.issued_on, "DATE_FORMAT")
            expires = content.expires_on and formats.date_format(content.expires_on, "DATE_FORMAT")
            title = str(look.title)
            values = {
                "name": content.name,
                "course": content.course,
                "date": date,
                "hours": formats.number_format(content.hours),
            }
            accent = safe_colour(look.accent_colour)
            orientation = "portrait" if look.orientation == "portrait" else "landscape"
            context = {
                "lang": content.language,
                "document_title": f"{title} – {content.name}",
                "title": title,
                "issuer_name": content.issuer_name,
                "body_html": fill_body(look.body, values),
                "signatory_name": look.signatory_name,
                "signatory_title": look.signatory_title,
                "logo_url": self._image_url(look.logo),
                "signature_url": self._image_url(look.signature_image),
                "issued_on": date,
                "expires_on": expires,
                "code": content.code,
                "verify_url": content.verify_url,
                "qr_svg": qr_svg(content.verify_url),
                "orientation": orientation,
                "page_css": mark_safe(
                    f"@page {{ size: A4 {orientation} }} "
                    f".frame {{ border-color: {accent} }} h1 {{ color: {accent} }}"
                ),
                "inline_css": mark_safe(inline_css),
            }
            return get_template(TEMPLATE).render(context)

    def _image_url(self, data: bytes | None) -> str:
        """A URL naming the image by its hash: the same logo on 1,000 certificates is one cache
        entry, decoded once."""
        if not data:
            return ""
        url = IMAGE_SCHEME + hashlib.sha256(data).hexdigest()
        if url not in self.fetcher.images:
            if len(self.fetcher.images) >= IMAGE_CACHE_SIZE:
                self.fetcher.images.clear()
                self._image_cache.clear()
            self.fetcher.images[url] = data
        return url


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code: one vector path, sharp at any size."""
    code = segno.make(url, error="m", micro=False)
    return mark_safe(code.svg_inline(omitsize=True, svgclass=None, lineclass=None, dark="#000"))


_instance: Renderer | None = None
_instance_lock = threading.Lock()


def _renderer() -> Renderer:
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                _instance = Renderer()
    return _instance
