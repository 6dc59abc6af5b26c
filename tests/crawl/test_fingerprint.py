"""The crawl's page fingerprint in two parts (tests/crawl/fingerprint.py), without a browser."""

from __future__ import annotations

from tests.crawl.crawler import _parse, _targets
from tests.crawl.fingerprint import fingerprint

PAGE = """<!DOCTYPE html><html lang="en"><head>
<meta name="viewport" content="width=device-width">
<meta name="isoko-owner" content="{owner}">
<link rel="stylesheet" href="/static/css/isoko.css">{head}</head>
<body class="{body}"><a class="skip-link" href="#main">Skip</a>
<header><nav aria-label="Main"><a href="/">Home</a>{menu}</nav></header>
<main id="main" tabindex="-1">{main}</main>
<footer><p>Isoko</p></footer>
</body></html>"""
PROFILE = '<h1>Profile of {name}</h1><label for="name">Name</label><input id="name" value="{name}">'


def page(**parts) -> str:
    defaults = {"owner": "", "head": "", "body": "", "menu": "", "main": "<h1>Hello</h1>"}
    return PAGE.format(**(defaults | parts))


def digests(body: str) -> tuple[str, str]:
    return fingerprint(body).digests()


def test_each_roles_menu_changes_the_frame_not_the_main():
    seller = page(owner="a1", menu='<a href="/dashboard/">Dashboard</a>', main=PROFILE)
    admin = page(
        owner="b2",
        menu='<a href="/dashboard/">Dashboard</a><a href="/admin/">Admin</a>',
        main=PROFILE.replace("{name}", "Admin"),
    )
    assert digests(seller)[0] != digests(admin)[0]
    assert digests(seller)[1] == digests(admin)[1]


def test_the_owner_token_counts_only_as_there():
    assert digests(page(owner="a1")) == digests(page(owner="b2"))
    assert digests(page(owner="a1"))[0] != digests(page(owner=""))[0]


def test_the_main_changes_with_its_markup_not_the_frame():
    one, other = digests(page(main="<h1>A</h1>")), digests(page(main="<h2>A</h2>"))
    assert one[0] == other[0]
    assert one[1] != other[1]


def test_what_styles_or_scripts_the_main_is_in_its_fingerprint():
    plain = digests(page())
    assert digests(page(body="quiz"))[1] != plain[1]
    assert digests(page(head='<script src="/static/js/quiz.js" defer></script>'))[1] != plain[1]
    assert digests(page(head='<link rel="stylesheet" href="/static/x.css">'))[1] != plain[1]


def test_the_mains_ancestors_are_in_its_fingerprint():
    plain = page()
    wrapped = plain.replace('<main id="main"', '<div class="wrap"><main id="main"').replace(
        "</main>", "</main></div>"
    )
    other = wrapped.replace('class="wrap"', 'class="narrow"')
    # The header closed before the main opened: not an ancestor.
    header = plain.replace("<header>", '<header class="dark">')
    assert digests(wrapped)[1] != digests(plain)[1]
    assert digests(other)[1] != digests(wrapped)[1]
    assert digests(header)[1] == digests(plain)[1]


def test_a_reference_to_the_other_part_keeps_its_name():
    # A label in the main for an input in the frame: the main's fingerprint says which one.
    frame_input = '<input id="q" name="q">'
    one = page(menu=frame_input, main='<label for="q">Search</label>')
    other = page(menu=frame_input.replace('"q"', '"r"'), main='<label for="r">Search</label>')
    assert digests(one)[1] != digests(other)[1]
    # The skip link in the frame must reach the main's id: a main without it is another frame.
    assert digests(page())[0] != digests(page().replace('id="main"', 'id="content"'))[0]


def test_an_id_in_both_parts_is_a_clash():
    clash = fingerprint(page(menu='<span id="menu">x</span>', main='<p id="menu">y</p>'))
    assert clash.clashes() == ["id 'menu' both in the page's frame and in its <main>"]
    assert fingerprint(page(menu='<span id="menu">x</span>')).clashes() == []


def test_a_page_without_main_is_all_frame():
    body = "<html><body><h1>Swagger</h1><div id='ui'></div></body></html>"
    other = "<html><body><h1>Swagger</h1><div id='ui'><p>x</p></div></body></html>"
    assert digests(body)[1] == digests(other)[1]
    assert digests(body)[0] != digests(other)[0]


def test_resources_are_listed():
    body = page(main='<img src="/media/a.png" srcset="/media/a.png 1x, /media/b.png 2x" alt="">')
    assert fingerprint(body).resources == [
        "/static/css/isoko.css",
        "/media/a.png",
        "/media/a.png",
        "/media/b.png",
    ]


def test_the_same_pass_finds_links_and_get_forms():
    body = page(
        menu='<a href="/courses/">Courses</a><a href="/x.pdf" download>PDF</a>',
        main=(
            '<form method="get" action="/courses/"><input name="q"><input type="checkbox"'
            ' name="free"><select name="level"><option value="">Any</option>'
            '<option value="2" selected>Two</option></select><button>Go</button></form>'
            '<form method="post"><input name="secret"></form><img src="/m/a.png" alt="">'
        ),
    )
    parsed = _parse(body)
    assert _targets(parsed, "http://testserver/page/") == [
        "http://testserver/page/#main",
        "http://testserver/",
        "http://testserver/courses/",
        "http://testserver/courses/?q=coffee&level=2",
    ]
    assert parsed.digests() == fingerprint(body).digests()
    assert parsed.resources == ["/static/css/isoko.css", "/m/a.png"]
