"""Every public page and form (targets.TARGETS) fuzzed through its query string and its form
fields, as each kind of visitor who uses it; our admin screens' search boxes as staff."""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests.fuzz.driver import form_fields, fuzz
from tests.fuzz.strategies import PROFILE
from tests.fuzz.targets import ADMIN, TARGETS
from tests.fuzz.world import client_for

pytestmark = pytest.mark.django_db


def run_targets(world, targets, profile=PROFILE) -> None:
    """Fuzz every target and report every failing one, not only the first."""
    failures = []
    for target in targets:
        for who in target.who:
            client = client_for(world, who)
            path = target.path(world)
            names, uploads = form_fields(client, path) if "POST" in target.methods else ((), ())
            query_names = tuple(sorted(set(target.params) | set(names)))
            for method in target.methods:
                try:
                    fuzz(
                        client,
                        method,
                        path,
                        query_names,
                        uploads if method == "POST" else (),
                        # A form page's GET gets the fixed values only: its POST is the form.
                        drawn_examples=method == "POST" or "POST" not in target.methods,
                        profile=profile,
                    )
                except Exception as error:  # noqa: BLE001 - collected and reported below
                    failures.append(f"{who} {method} {path}: {type(error).__name__}: {error}")
    assert not failures, "\n\n".join(failures)


def test_public_pages_and_forms(world):
    run_targets(world, TARGETS)


def test_admin_search_boxes(world):
    # Staff screens are slow to render (Wagtail's admin): fewer drawn examples.
    run_targets(world, ADMIN, settings(PROFILE, max_examples=2))
