"""One rate limit and one 429 for every app: JSON {"error": <message>, "code": "rate_limited"}
for a client that asked for JSON (what quiz.js and roster.js show), the page otherwise."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy

from core.ratelimit import WINDOW, allow, rate_limited, too_many_requests

factory = RequestFactory()


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def request(method="post", accept="text/html", **kwargs):
    made = getattr(factory, method)("/somewhere/", HTTP_ACCEPT=accept, **kwargs)
    made.user = AnonymousUser()
    return made


def body(response) -> dict:
    return json.loads(response.content)


def ok(request):
    return HttpResponse("done")


def test_allow_counts_each_key_on_its_own():
    assert [allow(scope="s", key="a", limit=2) for _ in range(3)] == [True, True, False]
    assert allow(scope="s", key="b", limit=2)
    assert allow(scope="other", key="a", limit=2)


def test_the_json_429_has_one_shape():
    asked = request(accept="application/json")
    response = too_many_requests(asked)
    assert response.status_code == 429
    assert response["Retry-After"] == str(WINDOW) == "60"
    assert body(response) == {
        "error": "Too many requests. Wait a minute and try again.",
        "code": "rate_limited",
    }
    assert asked.varies_on == {"Accept"}  # config.negotiation puts it in Vary


def test_json_ld_clients_and_json_posts_get_json_too():
    assert too_many_requests(request(accept="application/ld+json"))["Content-Type"] == (
        "application/json"
    )
    posted = request(data="{}", content_type="application/json")
    assert body(too_many_requests(posted))["code"] == "rate_limited"


def test_a_browser_gets_the_page_with_the_message():
    response = too_many_requests(request(), gettext_lazy("Too many uploads. Wait a minute."))
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert response["Content-Type"].startswith("text/html")
    assert "Too many uploads. Wait a minute." in response.content.decode()


def test_the_message_is_in_the_active_language():
    with translation.override("fr"):
        response = too_many_requests(request(accept="application/json"))
    assert body(response)["error"] == "Trop de requêtes. Patientez une minute puis réessayez."


def test_the_decorator_counts_posts_only_by_default():
    view = rate_limited("t", limit=1)(ok)
    assert [view(request(method="get")).status_code for _ in range(3)] == [200, 200, 200]
    assert [view(request()).status_code for _ in range(2)] == [200, 429]


def test_every_method_counts_with_methods_none():
    view = rate_limited("t", limit=2, methods=None)(ok)
    codes = [view(request(method="get")).status_code for _ in range(2)]
    assert codes + [view(request()).status_code] == [200, 200, 429]


def test_the_limit_is_read_at_each_request():
    limits = [1]
    view = rate_limited("t", limit=lambda: limits[0])(ok)
    assert [view(request()).status_code for _ in range(2)] == [200, 429]
    limits[0] = 5
    assert view(request()).status_code == 200


def test_when_and_key_choose_what_counts():
    view = rate_limited(
        "t", limit=1, key=lambda r: r.headers["X-Who"], when=lambda r: "count" in r.GET
    )(ok)

    def call(who, count=True):
        made = factory.post("/?count=1" if count else "/", HTTP_X_WHO=who)
        made.user = AnonymousUser()
        return view(made).status_code

    assert [call("a"), call("a"), call("a", count=False), call("b")] == [200, 429, 200, 200]


def test_the_decorated_view_answers_in_the_shared_shape():
    view = rate_limited("t", limit=0, message=gettext_lazy("Too many lookups."))(ok)
    response = view(request(accept="application/json"))
    assert body(response) == {"error": "Too many lookups.", "code": "rate_limited"}
