"""The browsable docs (/api/v1/docs): Swagger UI served by the site itself, under a policy of
its own.

django-ninja ships Swagger UI's files; with "ninja" installed (config/settings/partnerapi.py)
they come from our static files, never a CDN. The page's only script is Swagger UI's bundle and
ninja's initialiser (it reads its settings from a JSON block, no inline code), so the site's
strict policy holds except for styles: Swagger UI sets element styles from its JavaScript, and
React writes some as style attributes, which ``style-src 'self'`` blocks. This one page gets
``style-src 'self' 'unsafe-inline'`` — styles only, scripts stay 'self' — and nothing else
(docs/api.md, "Browsable docs").
"""

from __future__ import annotations

from ninja.openapi.docs import Swagger

DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
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
