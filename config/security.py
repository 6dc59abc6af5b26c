"""A Content-Security-Policy for the public site.

Our pages load only self-hosted CSS, images and (later, a little) JS, so the policy can be strict:
no inline scripts, no third-party origins. The Wagtail and Django admins ship inline scripts and
styles of their own and are left to their defaults. Django 5.2 has no built-in CSP (6.0 adds one).

The editor's previews are the one exception to "framed by no one": Wagtail renders
a preview (the editor's panel, "View draft", a revision, a reviewer's task preview) by running a
dummy request for the page's *public* URL through the whole middleware chain, and the admin shows
the result in an iframe. That dummy request gets the public policy, except that the admin's own
pages (same origin) may frame it.
"""

from django.conf import settings

DEFAULT_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; "
    # Lesson videos play from these two hosts only, and only once the learner opens them.
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com; "
    "object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def preview_policy(policy: str) -> str:
    """``policy`` with its frame-ancestors set to the site's own origin."""
    kept = [
        part.strip()
        for part in policy.split(";")
        if part.strip() and not part.strip().startswith("frame-ancestors")
    ]
    return "; ".join([*kept, "frame-ancestors 'self'"])


def is_preview(request) -> bool:
    """Wagtail marks the dummy request of every preview (wagtail.models.preview)."""
    return getattr(request, "is_dummy", False) is True


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "ISOKO_CSP", DEFAULT_POLICY)
        self.preview_policy = preview_policy(self.policy) if self.policy else ""

    def __call__(self, request):
        response = self.get_response(request)
        if is_preview(request):
            # Set, not setdefault: XFrameOptionsMiddleware, further in, has already said DENY.
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
            if self.preview_policy:
                response.headers["Content-Security-Policy"] = self.preview_policy
        elif self.policy and not request.path.startswith(settings.ISOKO_ADMIN_PATH_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
