"""An editor's link to one of our pages keeps the reader's language (found by the crawl:
a Kinyarwanda, Swahili or Chinese reader of the English home page, at /rw/, /sw/, /zh-hans/,
clicked "Create your free account" and landed on the English sign-up page)."""

import pytest
from django.utils import translation

from courses.templatetags.courses_tags import in_current_language


@pytest.mark.parametrize(
    ("language", "url", "expected"),
    [
        ("rw", "/accounts/signup/", "/rw/accounts/signup/"),
        (
            "zh-hans",
            "/accounts/signup/?next=/dashboard/#top",
            "/zh-hans/accounts/signup/?next=/dashboard/#top",
        ),
        ("sw", "/courses/", "/sw/courses/"),
        ("en", "/accounts/signup/", "/accounts/signup/"),
        # An editor who named a language, an outside address, or no page of ours: as written.
        ("rw", "/fr/accounts/signup/", "/fr/accounts/signup/"),
        ("rw", "https://example.com/accounts/signup/", "https://example.com/accounts/signup/"),
        ("rw", "//example.com/accounts/signup/", "//example.com/accounts/signup/"),
        ("rw", "mailto:hello@example.com", "mailto:hello@example.com"),
        ("rw", "/certificates/verify/", "/certificates/verify/"),
    ],
)
def test_an_editors_link_follows_the_language_read_in(language, url, expected):
    with translation.override(language):
        assert in_current_language(url) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["rw", "sw", "zh-hans"])
def test_the_home_pages_buttons_keep_the_readers_language(client, site, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'lang="{language}"' in html
    assert f'href="/{language}/accounts/signup/"' in html
    assert 'href="/accounts/signup/"' not in html
