"""The dashboard on the real snapshot (impact.snapshot) of the seeded programme with known
answers (tests/impact/factories.py): the page, a filter, a CSV read back, and the query count of
a view with a cached snapshot, flat as the programme grows."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impact.snapshot import snapshot_refresh
from tests.accounts.helpers import log_in_with_mfa
from tests.impact.factories import KNOWN, grow, seed_programme
from tests.impact.test_dashboard import URL, programme_manager
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

# Measured on SQLite with a cached snapshot: 13 (the session, the user, MFA, the admin's menu,
# the filter's course and cohort lists; the snapshot's generation comes from the cache).
DASHBOARD_MAX_QUERIES = 16


@shared(needs=("site",))
def dashboard_programme(site):
    return seed_programme(site)


@pytest.fixture
def manager(client, dashboard_programme):
    # Staff, so not one of the people counted (docs/impact.md): the known answers stay exact.
    user = programme_manager()
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return log_in_with_mfa(client, user)


def test_the_page_shows_the_known_funnel_and_headline(manager):
    page = manager.get(URL).content.decode()
    section = page.split('id="impact-funnel-caption"')[1].split("</table>")[0]
    shown = re.findall(r'class="impact-number">([^<]*)</td>', section)
    assert shown == [str(count) for count in KNOWN["funnel"].values()]
    assert "Gasabo" in page and "Nyarugenge" in page and "Policy 2026 A" in page
    assert "<svg" in page  # the charts are drawn
    assert "Numbers as of" in page


def test_the_funnel_csv_has_the_known_answers(manager):
    response = manager.get(URL + "funnel.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert [int(count) for _stage, count in rows[1:]] == list(KNOWN["funnel"].values())


def test_filters_on_real_ids_work(manager, dashboard_programme):
    course = manager.get(URL, {"course": dashboard_programme.course_b.pk})
    assert course.status_code == 200
    assert "Computed for this filter" in course.content.decode()
    cohort = manager.get(URL, {"cohort": dashboard_programme.cohort.pk, "district": "nyarugenge"})
    assert cohort.status_code == 200
    everything = manager.get(
        URL,
        {
            "start": "2026-09-01",
            "end": "2026-12-31",
            "course": dashboard_programme.course_a.pk,
            "audience": "entrepreneur",
            "district": "gasabo",
            "sector": "coffee",
        },
    )
    assert everything.status_code == 200
    assert "Gasabo" in everything.content.decode()


def _queries(client) -> int:
    client.get(URL)  # the snapshot cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_a_cached_dashboard_costs_the_same_queries_as_the_programme_grows(
    manager, site, django_assert_max_num_queries
):
    snapshot_refresh()  # as the beat task does: the stored numbers and their generation cached
    before = _queries(manager)
    grow(site, copies=2)
    snapshot_refresh()
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        manager.get(URL)
    after = _queries(manager)
    assert after == before, (before, after)
    assert manager.get(URL).content.decode().count("Policy 2026 A") >= 3  # it did grow
