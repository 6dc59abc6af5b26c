"""Checks on rendered HTML that a screen reader depends on, for tests of any page."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: list[str] = []
        self.forms: list[dict] = []  # per <form>: its action and the ids inside it
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            form = {"action": attributes.get("action", ""), "ids": set(), "labels": []}
            self.forms.append(form)
            self._open.append(form)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
            for form in self._open:
                form["ids"].add(attributes["id"])
        if tag == "label" and attributes.get("for"):
            self.label_targets.append(attributes["for"])
            for form in self._open:
                form["labels"].append(attributes["for"])

    def handle_endtag(self, tag):
        if tag == "form" and self._open:
            self._open.pop()


def assert_ids_unique_and_labels_in_their_form(html: str) -> list[dict]:
    """Every id once; every label's ``for`` names an element, in the label's own form.
    Returns the forms found (action, ids, label targets) for further checks."""
    parser = _Ids()
    parser.feed(html)
    duplicates = sorted(name for name, count in Counter(parser.ids).items() if count > 1)
    assert not duplicates, f"duplicate ids: {duplicates}"
    missing = sorted(set(parser.label_targets) - set(parser.ids))
    assert not missing, f"labels for no element: {missing}"
    for form in parser.forms:
        strays = [target for target in form["labels"] if target not in form["ids"]]
        assert not strays, f"labels in the form to {form['action']} point outside it: {strays}"
    return parser.forms
