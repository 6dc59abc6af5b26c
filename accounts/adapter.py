from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from accounts.language import apply_preferred_language


class AccountAdapter(DefaultAccountAdapter):
    """Send allauth's mail in the recipient's preferred language where we know it."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        profile = getattr(user, "profile", None) if user else None
        language = profile.preferred_language if profile else translation.get_language()
        site = context.get("current_site")
        # Without django.contrib.sites allauth names the site after the host; say "Isoko".
        context["current_site"] = SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME, domain=getattr(site, "domain", "")
        )
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        profile = getattr(user, "profile", None)
        if profile is not None:
            apply_preferred_language(response, profile.preferred_language)
        return response
