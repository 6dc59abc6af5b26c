from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.filter
def in_current_language(url: str) -> str:
    """An editor's link to one of our pages (a home page's button: "/accounts/signup/"), in the
    language the page is being read in: "/rw/accounts/signup/" for a Kinyarwanda reader of the
    English home page, who would otherwise drop into English at the first click. A path that
    already names a language, an outside address, or a path we do not serve is left as it is."""
    if not url.startswith("/") or url.startswith("//") or translation.get_language_from_path(url):
        return url
    language = translation.get_language()
    # The unprefixed path is the default language's: resolve it there, reverse it in ours.
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)
