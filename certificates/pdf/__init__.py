"""Certificate PDFs: the look (from a course's CertificateTemplate), the content, the renderer."""

from certificates.pdf.look import DEFAULT_LOOK, CertificateLook, look_from_template
from certificates.pdf.render import CertificateContent, render_pdf

__all__ = [
    "DEFAULT_LOOK",
    "CertificateContent",
    "CertificateLook",
    "look_from_template",
    "render_pdf",
]
