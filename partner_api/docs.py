"""The browsable docs (/api/v1/docs): Swagger UI served by the site itself, under a policy of
its own, narrower than the site's.

django-ninja ships Swagger UI's files; with "ninja" installed (config/settings/partnerapi.py)
they come from our static files, never a CDN. The page's only scripts are Swagger UI's bundle and
ninja's initialiser, which reads its settings from a JSON block (no inline code), so the page
works under ``script-src 'self'; style-src 'self'`` (tests/partner_api/test_docs_browser.py
checks Chromium reports no refusal). The page needs nothing else: ``default-src 'none'``, and no
forms (the "Try it out" buttons are off: this page never sends a token).
"""

from __future__ import annotations

from ninja.openapi.docs import Swagger

DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class LocalSwagger(Swagger):
    template = "partner_api/docs.html"

    def __init__(self):
        # No "Try it out" that would send tokens from a browser page; reading only.
        super().__init__(settings={"supportedSubmitMethods": [], "defaultModelsExpandDepth": 1})

    def render_page(self, request, api, **kwargs):
        response = super().render_page(request, api, **kwargs)
        response["Content-Security-Policy"] = DOCS_POLICY
        return response
