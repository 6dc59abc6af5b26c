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


@register.simple_tag(takes_context=True)
def course_outline_html(context, outline, current=None, compact=False):
    """The course outline (courses.selectors.render_outline): ``current`` is the page being read,
    the done ticks are the learner's (``request.lms.done``, set by lms for course pages)."""
    from courses.selectors import render_outline

    state = getattr(context.get("request"), "lms", None)
    done = getattr(state, "done", None) or ()
    return render_outline(outline, getattr(current, "pk", None), done, bool(compact))


@register.simple_tag(takes_context=True)
def lesson_body_html(context, page):
    """The lesson's body blocks (courses.selectors.render_body: rendered once per lesson and
    language, the same for every learner)."""
    from courses.selectors import render_body

    return render_body(page, context)
