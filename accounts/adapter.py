from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from accounts.language import apply_preferred_language


class AccountAdapter(DefaultAccountAdapter):
    """Send allauth's mail in the recipient's preferred language where we know it."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        profile = getattr(user, "profile", None) if user else None
        language = profile.preferred_language if profile else translation.get_language()
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        profile = getattr(user, "profile", None)
        if profile is not None:
            apply_preferred_language(response, profile.preferred_language)
        return response
