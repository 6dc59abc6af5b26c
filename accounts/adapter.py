from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.utils import translation

from core.language import apply_preferred_language, language_for


class AccountAdapter(DefaultAccountAdapter):
    """Send allauth's mail in the recipient's preferred language where we know it."""

    def send_mail(self, template_prefix, email, context):
        # Someone without an account (an unknown address asking for a reset) reads the
        # language they asked in.
        language = language_for(user=context.get("user"), default=translation.get_language())
        # allauth's e-mails name the site and its address. Without django.contrib.sites, the
        # context handed to send_mail has no site, and ours used to say "register an account on
        # ." Say "Isoko" and the host the e-mail's links point at (allauth sends its e-mails
        # from a request, and builds the links from it).
        context["current_site"] = SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME, domain=allauth_context.request.get_host()
        )
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        profile = getattr(user, "profile", None)
        if profile is not None:
            apply_preferred_language(response, profile.preferred_language)
        return response
