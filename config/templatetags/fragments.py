"""``{% constant %}…{% endconstant %}``: a piece of a template rendered once per process and
language, then reused.

Every page's frame (base.html's head, header and footer, the account menu's links, the language
list, the sync status and offline-queue strings) is the same for everyone who reads a language:
translated strings, ``{% url %}`` and ``{% static %}`` of fixed names. Rendering them was about a
fifth of an enrolled lesson's CPU (40 ``{% translate %}``, 19 ``{% url %}`` and 7 ``{% static %}``
per request: cProfile under production settings, docs/lesson-performance.md, fifth pass), and
the same on every other page. A piece is kept per (template, place in it, language, URL
prefix): templates, translations and the static manifest do not change while a process runs
(the development server's autoreloader drops the memo with Django's template cache).

Only put here what reads nothing of the request, the user or the page: anything inside is
served to every reader of the language. tests/perf/test_constant_fragments.py checks the frame
is the same with and without the memo, for two users and two languages.
"""

from __future__ import annotations

import itertools
import threading

from django import template
from django.conf import settings
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils import autoreload, translation
from django.utils.safestring import mark_safe

register = template.Library()

_memo: dict[tuple, str] = {}
_lock = threading.Lock()
_places = itertools.count()
# A bound that no real site reaches (a few dozen pieces × languages): a guard, not a policy.
_MAX_ENTRIES = 2000


class ConstantNode(template.Node):
    def __init__(self, nodelist, place: tuple):
        self.nodelist = nodelist
        self.place = place

    def render(self, context) -> str:
        if not getattr(settings, "ISOKO_CONSTANT_FRAGMENTS", True):
            return self.nodelist.render(context)
        key = (*self.place, translation.get_language(), get_script_prefix())
        html = _memo.get(key)
        if html is None:
            html = self.nodelist.render(context)
            with _lock:
                if len(_memo) >= _MAX_ENTRIES:
                    _memo.clear()
                _memo[key] = html
        return mark_safe(html)  # rendered (and escaped) by the template engine above


@register.tag
def constant(parser, token):
    nodelist = parser.parse(("endconstant",))
    parser.delete_first_token()
    # Each piece's own key: a number given when its template is compiled (once per process with
    # Django's cached loader; a template compiled again gets new numbers, and the bound above
    # keeps the old ones from adding up).
    origin = getattr(parser, "origin", None)
    return ConstantNode(nodelist, (getattr(origin, "name", None), next(_places)))


def clear() -> None:
    with _lock:
        _memo.clear()


@receiver(autoreload.file_changed, dispatch_uid="constant-fragments-file-changed")
def _file_changed(sender, file_path, **kwargs) -> None:
    # The development server: a template or translation edited shows on the next request.
    clear()
