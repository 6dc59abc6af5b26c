"""Load the demo content files (``demo/content``) and check every one before anything is written.

A bad file stops ``seed_demo`` with a :class:`ContentError` naming the file and the place inside it.
File references (images, documents) are paths relative to the content folder; once every file is
valid they are read, so the apps' demo services receive names and bytes, never paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from demo import schema
from demo.course_rules import course_problems

CONTENT = Path(__file__).resolve().parent / "content"
# Reported at most, so a badly broken file still gives a readable message.
MAX_PROBLEMS = 20
# libyaml's loader when PyYAML was built with it: five times faster on the course files.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """One or more demo content files are not as the schema says."""

    def __init__(self, problems: list[tuple[Path, str, str]]):
        self.problems = problems
        lines = [f"{file}: {path or '(top level)'}: {message}" for file, path, message in problems]
        shown = lines[:MAX_PROBLEMS]
        if len(lines) > MAX_PROBLEMS:
            shown.append(f"… and {len(lines) - MAX_PROBLEMS} more")
        super().__init__("The demo content is not valid:\n" + "\n".join(shown))


@dataclass(frozen=True)
class DemoContent:
    curriculum: dict  # catalogue titles, certificate template (logo read)
    courses: list[dict]  # one per course file, in curriculum order, files read
    users: dict
    learning: dict
    storefront: dict  # images read


def _read(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([(path, "", f"cannot be read: {error}")]) from error
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f"line {where.line + 1}" if where else ""
        raise ContentError([(path, line, f"is not valid YAML: {error}")]) from error


def _file(root: Path, relative: str) -> dict:
    return {"filename": Path(relative).name, "content": (root / relative).read_bytes()}


def _with_files(root: Path, course: dict) -> dict:
    """The course with each image and document block's file read into it."""

    def block(tagged: dict) -> dict:
        ((kind, value),) = tagged.items()
        if kind in {"image", "document"}:
            value = {key: item for key, item in value.items() if key != "file"}
            value |= _file(root, tagged[kind]["file"])
        return {kind: value}

    def walk(data: dict) -> dict:
        modules = [
            {
                **module,
                "children": [
                    {**child, "body": [block(b) for b in child["body"]]}
                    if child["kind"] == "lesson"
                    else child
                    for child in module["children"]
                ],
            }
            for module in data["modules"]
        ]
        return {**data, "modules": modules}

    translations = {
        language: walk(data) for language, data in course.get("translations", {}).items()
    }
    return {**walk(course), **({"translations": translations} if translations else {})}


def load(root: Path | None = None) -> DemoContent:
    """Every demo content file, checked; raises ContentError listing what is wrong where."""
    root = root or CONTENT
    problems: list[tuple[Path, str, str]] = []

    def checked(name: str, shape) -> object:
        path = root / name
        data = _read(path)
        problems.extend((path, where, message) for where, message in shape(root)(data, ""))
        return data

    curriculum = checked("curriculum.yaml", schema.curriculum_shape)
    users = checked("users.yaml", schema.users_shape)
    learning = checked("learning.yaml", schema.learning_shape)
    storefront = checked("storefront.yaml", schema.storefront_shape)
    if problems:  # the course list itself is unusable
        raise ContentError(problems)
    courses = []
    for name in curriculum["courses"]:
        before = len(problems)
        course = checked(name, schema.course_shape)
        if len(problems) == before:  # the rules assume the shape
            problems.extend((root / name, where, msg) for where, msg in course_problems(course))
        courses.append(course)
    problems += _cross_file_problems(root, users, curriculum["courses"], courses)
    if problems:
        raise ContentError(problems)
    curriculum["certificate_template"]["logo"] |= _file(
        root, curriculum["certificate_template"]["logo"]["file"]
    )
    storefront["logo"] = _file(root, storefront["logo"])
    storefront["product"]["images"] = [_file(root, f) for f in storefront["product"]["images"]]
    return DemoContent(
        curriculum=curriculum,
        courses=[_with_files(root, course) for course in courses],
        users=users,
        learning=learning,
        storefront=storefront,
    )


def _cross_file_problems(root: Path, users: dict, names: list[str], courses: list[dict]) -> list:
    """References between files: a user's groups are declared, a prerequisite is a course."""
    problems = []
    groups = {group["name"] for group in users["groups"]}
    for index, user in enumerate(users["users"]):
        for unknown in sorted(set(user["groups"]) - groups):
            where = f"users[{index}].groups"
            problems.append((root / "users.yaml", where, f"no group '{unknown}' in groups"))
    slugs = {course["slug"] for course in courses}
    for name, course in zip(names, courses, strict=True):
        for unknown in sorted(set(course["prerequisites"]) - slugs):
            problems.append((root / name, "prerequisites", f"no demo course '{unknown}'"))
    return problems
