"""A Content-Security-Policy for the public site.

Our pages load only self-hosted CSS, images and (later, a little) JS, so the policy can be strict:
no inline scripts, no third-party origins. The Wagtail and Django admins ship inline scripts and
styles of their own and are left to their defaults. Django 5.2 has no built-in CSP (6.0 adds one).
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


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "ISOKO_CSP", DEFAULT_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and not request.path.startswith(settings.ISOKO_ADMIN_PATH_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
