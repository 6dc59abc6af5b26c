"""Reading the site's forms as a browser would, for the Locust users (no Locust import here, so
that tests can check it against the real pages: tests/lms/test_load_forms.py)."""

from __future__ import annotations

import random
import re

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUT_RE = re.compile(r"<input\b[^>]*>")
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
AUTOSAVE_RE = re.compile(r'data-autosave-url="([^"]+)"')


FORM = "application/x-www-form-urlencoded"


def token_of(html: str) -> str | None:
    match = TOKEN_RE.search(html)
    return match.group(1) if match else None


def attempt_answers(html: str, rng: random.Random) -> tuple[list[tuple[str, str]], dict]:
    """Answer an attempt form as a person would, from its inputs: one option of each radio
    group, one or two checkboxes, a word or a number in text fields, a random order for ordering
    items. Returns the form pairs (for the submit POST) and the JSON answers (for autosave)."""
    radios: dict[str, list[str]] = {}
    boxes: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    answers: dict = {}
    ordering: dict[str, list[str]] = {}
    for tag in INPUT_RE.findall(html):
        attrs = dict(ATTR_RE.findall(tag))
        name, kind = attrs.get("name", ""), attrs.get("type", "text")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if kind == "radio":
            radios.setdefault(name, []).append(attrs.get("value", ""))
        elif kind == "checkbox":
            boxes.setdefault(name, []).append(attrs.get("value", ""))
        elif kind == "hidden":
            pairs.append((name, attrs.get("value", "")))
        elif kind == "number" and ":" in name:
            question, item = name.split(":", 1)
            ordering.setdefault(question, []).append(item)
        elif kind == "text":
            value = str(rng.randint(1, 100)) if attrs.get("inputmode") == "decimal" else "price"
            pairs.append((name, value))
            answers[name] = value
    for name, values in radios.items():
        choice = rng.choice(values)
        pairs.append((name, choice))
        answers[name] = choice
    for name, values in boxes.items():
        chosen = rng.sample(values, min(len(values), rng.randint(1, 2)))
        pairs += [(name, value) for value in chosen]
        answers[name] = chosen
    for question, items in ordering.items():
        order = rng.sample(items, len(items))
        pairs += [(f"{question}:{item}", str(place)) for place, item in enumerate(order, 1)]
        answers[question] = order
    return pairs, answers
