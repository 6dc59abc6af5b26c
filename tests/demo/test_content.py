"""The demo content files are checked before seed_demo writes anything, and a bad file is named
with the place inside it."""

import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page

import demo.content
from accounts.models import User
from demo.content import CONTENT, ContentError, load

COFFEE = "courses/coffee-seller-readiness.yaml"


@pytest.fixture
def content(tmp_path):
    """A copy of the demo content to break."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def edit(root, name, change):
    path = root / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(error: ContentError) -> set[tuple[str, str]]:
    return {(path.name, where) for path, where, _message in error.problems}


def test_the_shipped_content_is_valid():
    content = load()
    assert [course["slug"] for course in content.courses][:1] == ["ewtp-seller-readiness-coffee"]
    image = next(
        block["image"]
        for child in content.courses[0]["modules"][0]["children"]
        for block in child.get("body", [])
        if "image" in block
    )
    assert image["filename"].endswith(".png") and image["content"].startswith(b"\x89PNG")


def test_a_broken_course_file_is_named_with_the_places_inside_it(content):
    places = {}

    def wreck(course):
        quiz = course["modules"][0]["children"][-1]
        quiz["feedback_policy"] = "sometimes"  # not a choice
        lesson = course["modules"][0]["children"][0]
        del lesson["summary"]  # a missing key
        lesson["body"].append({"video": "https://example.org"})  # an unknown block type
        places["quiz"] = len(course["modules"][0]["children"]) - 1
        places["block"] = len(lesson["body"]) - 1
        course["estimated_hours"] = "six"  # the wrong type

    path = edit(content, COFFEE, wreck)
    with pytest.raises(ContentError) as caught:
        load(content)
    quiz = f"modules[0].children[{places['quiz']}]"
    assert problems(caught.value) == {
        (path.name, f"{quiz}.feedback_policy"),
        (path.name, "modules[0].children[0]"),
        (path.name, f"modules[0].children[0].body[{places['block']}]"),
        (path.name, "estimated_hours"),
    }
    message = str(caught.value)
    assert f"{path}: {quiz}.feedback_policy: expected one of never," in message
    assert f"{path}: modules[0].children[0]: missing key 'summary'" in message
    assert "unknown type 'video'" in message


def test_the_course_rules_are_checked_with_their_places(content):
    def wreck(course):
        table = next(
            block["table"]
            for block in course["modules"][0]["children"][0]["body"]
            if "table" in block
        )
        table["rows"][1].pop()  # a row with a cell too few
        body = course["translations"]["fr"]["modules"][0]["children"][0]["body"]
        body[0], body[1] = body[1], body[0]  # no longer mirrors the original's blocks

    path = edit(content, COFFEE, wreck)
    with pytest.raises(ContentError) as caught:
        load(content)
    assert problems(caught.value) == {
        (path.name, "modules[0].children[0].body[2].table.rows[1]"),
        (path.name, "translations.fr"),
    }


def test_a_missing_image_and_bad_yaml_are_named(content):
    (content / "images" / "isoko-logo.png").unlink()
    with pytest.raises(ContentError, match=r"curriculum.yaml: certificate_template.logo.file: no"):
        load(content)
    (content / "users.yaml").write_text("users: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"users.yaml: line \d+: is not valid YAML"):
        load(content)


@pytest.mark.django_db
def test_seed_demo_writes_nothing_from_a_broken_file(content, monkeypatch):
    edit(content, "storefront.yaml", lambda data: data["product"].update(price_rwf="a lot"))
    monkeypatch.setattr(demo.content, "CONTENT", content)
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=r"storefront.yaml: product.price_rwf: expected a whole"):
        call_command("seed_demo", "--force")
    assert not User.objects.exists()
    assert Page.objects.count() == pages
