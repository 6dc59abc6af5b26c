"""The "Programme" dashboard in the Wagtail admin: who gets in, the filter, what it shows.

The views read ``impact.snapshot.snapshot``; here it is the sample snapshot (every table of the
contract), so these tests check the dashboard, not the aggregates (test_known_answers.py does).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.urls import reverse

from core.impact import ImpactFilter
from impact.dashboard import views
from impact.dashboard.access import (
    PROGRAMME_MANAGERS,
    programme_managers_setup,
    user_may_see_programme,
)
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.impact.sample import sample_snapshot

pytestmark = pytest.mark.django_db

URL = "/admin/programme/"


@pytest.fixture
def calls(monkeypatch):
    """The snapshot calls the views make, answered with the sample snapshot."""
    seen = []

    def fake(filters=None, *, language=None):
        seen.append((filters, language))
        return sample_snapshot(filters)

    monkeypatch.setattr(views, "snapshot", fake)
    return seen


def programme_manager(email="manager@example.com"):
    user = UserFactory(email=email)
    user.groups.add(programme_managers_setup())
    return user


def admin_user(group_name: str, email: str):
    """Someone who may use the Wagtail admin, but is no programme manager."""
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user = UserFactory(email=email)
    user.groups.add(group)
    return user


@pytest.fixture
def manager_client(client, site):
    return log_in_with_mfa(client, programme_manager())


# --- The group and who gets in -------------------------------------------------------------


def test_migrate_makes_the_group_with_admin_access_and_setup_is_idempotent():
    # What `migrate` sends for the impact app (a reused test database migrated long ago)
    Group.objects.filter(name=PROGRAMME_MANAGERS).delete()
    post_migrate.send(
        sender=apps.get_app_config("impact"),
        app_config=apps.get_app_config("impact"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    group = Group.objects.get(name=PROGRAMME_MANAGERS)
    assert group.permissions.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).exists()
    group.permissions.clear()
    extra = Permission.objects.get(codename="view_group")
    group.permissions.add(extra)
    again = programme_managers_setup()
    again = programme_managers_setup()
    assert again.pk == group.pk
    assert Group.objects.filter(name=PROGRAMME_MANAGERS).count() == 1
    codenames = set(again.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_group"}  # restored, and the hand-made one kept


def test_who_may_see_the_programme():
    assert user_may_see_programme(programme_manager())
    assert user_may_see_programme(UserFactory(email="root@example.com", is_superuser=True))
    assert not user_may_see_programme(UserFactory(email="learner@example.com"))
    assert not user_may_see_programme(admin_user("Trainers", "trainer@example.com"))
    retired = programme_manager("retired@example.com")
    retired.is_active = False
    assert not user_may_see_programme(retired)


def test_anonymous_visitors_are_sent_to_log_in(client, calls):
    for url in (URL, URL + "impact.xlsx", URL + "funnel.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert calls == []


def test_a_learner_is_refused(client, site, calls):
    client.force_login(UserFactory(email="learner@example.com"))
    for url in (URL, URL + "impact.xlsx", URL + "funnel.csv"):
        assert client.get(url).status_code == 403
    assert calls == []


@pytest.mark.parametrize("group_name", ["Trainers", "Reviewers"])
def test_other_admin_users_are_refused_and_see_no_menu_item(client, site, calls, group_name):
    log_in_with_mfa(client, admin_user(group_name, "staff@example.com"))
    for url in (URL, URL + "impact.xlsx", URL + "funnel.csv"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Programme managers" in response.content
    assert calls == []
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert URL.encode() not in home.content


def test_a_programme_manager_must_set_up_mfa_first(client, site, calls):
    client.force_login(programme_manager())
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]
    assert calls == []


def test_a_programme_manager_sees_the_menu_item_and_the_dashboard(manager_client, calls):
    home = manager_client.get(reverse("wagtailadmin_home"))
    assert URL.encode() in home.content
    response = manager_client.get(URL)
    assert response.status_code == 200
    assert calls == [(ImpactFilter(), "en")]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_superuser_sees_the_dashboard(editor_client, calls):
    assert editor_client.get(URL).status_code == 200


# --- What the page shows -------------------------------------------------------------------


def test_the_page_shows_every_table_with_its_numbers(manager_client, calls):
    page = manager_client.get(URL).content.decode()
    snap = sample_snapshot()
    for key, table in snap.tables.items():
        assert table.title in page or key == "headline", key
        if key != "headline":
            assert f'id="impact-{key}-caption"' in page
            assert reverse("impact_dashboard_csv", args=[key]) in page
    # the funnel, district, course and storefront numbers
    for number in ("420", "380", "First order", "Gasabo", "Rubavu", "Selling coffee online"):
        assert number in page
    assert "60.0 %" in page and "12.5" in page and "81.2 %" in page  # course rates and days
    assert "Opening" in page and "95.8 %" in page  # attendance per session
    assert "Being set up" in page
    # headline labelled, not machine keys
    assert "Storefronts live" in page and "Products listed" in page
    assert "storefronts_live" not in page
    # the months read as months
    assert "September 2026" in page
    assert "Numbers as of" in page and "2026" in page
    assert "Computed for this filter" not in page


def test_districts_are_ranked_in_the_table_as_in_the_snapshot(manager_client, calls):
    page = manager_client.get(URL).content.decode()
    section = page.split('id="impact-by_district-caption"')[1].split("</table>")[0]
    order = ["Gasabo", "Huye", "Musanze", "Rubavu"]
    positions = [section.index(name) for name in order]
    assert positions == sorted(positions)


def test_a_filter_reaches_the_snapshot_and_the_page_says_it_was_computed_for_it(
    manager_client, calls
):
    response = manager_client.get(
        URL, {"start": "2026-09-01", "end": "2026-11-30", "audience": "policymaker"}
    )
    assert response.status_code == 200
    expected = ImpactFilter(start=date(2026, 9, 1), end=date(2026, 11, 30), audience="policymaker")
    assert calls == [(expected, "en")]
    page = response.content.decode()
    assert "Computed for this filter" in page
    assert "Audience: Policymaker" in page
    # downloads keep the filter
    query = "?start=2026-09-01&amp;end=2026-11-30&amp;audience=policymaker"
    assert reverse("impact_dashboard_xlsx") + query in page
    assert reverse("impact_dashboard_csv", args=["by_district"]) + query in page


def test_the_dashboard_reads_in_the_managers_language(manager_client, calls):
    response = manager_client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert calls[-1][1] in ("fr", "en")  # the admin's language: the user's, or the browser's


# --- Odd input: a form error on the page, never a 5xx --------------------------------------

ODD = [
    ("start", "yesterday"),
    ("start", "2026-02-30"),
    ("start", "0001-01-01"),
    ("start", "99999-01-01"),
    ("start", "2026-01-01T00:00"),
    ("end", "not a date"),
    ("end", "9" * 40),
    ("course", "999999"),
    ("course", "9" * 40),
    ("course", "-1"),
    ("course", "abc"),
    ("course", "1.5"),
    ("audience", "wizard"),
    ("audience", "<script>alert(1)</script>"),
    ("district", "Atlantis"),
    ("district", "\x00"),
    ("sector", "Space travel"),
    ("sector", "x" * 5000),
    ("cohort", "0"),
    ("cohort", "2147483648"),
    ("cohort", "9" * 400),
    ("cohort", "1e3"),
]


@pytest.mark.parametrize(("name", "value"), ODD)
@pytest.mark.parametrize("path", ["", "impact.xlsx", "funnel.csv"])
def test_odd_values_are_form_errors(manager_client, calls, name, value, path):
    response = manager_client.get(URL + path, {name: value})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Please correct the filter" in page
    assert f'href="#id_{name}"' in page
    assert "<script>alert(1)</script>" not in page
    assert calls == []


def test_a_reversed_range_is_a_form_error(manager_client, calls):
    response = manager_client.get(URL, {"start": "2026-11-30", "end": "2026-09-01"})
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert calls == []


@pytest.mark.parametrize("name", ["start", "end", "course", "audience", "district", "cohort"])
def test_a_parameter_given_twice_is_a_form_error(manager_client, calls, name):
    values = {"start": "2026-01-01", "end": "2026-02-01", "audience": "academic"}
    value = values.get(name, "1")
    response = manager_client.get(f"{URL}?{name}={value}&{name}={value}")
    assert response.status_code == 400
    assert "Choose one value only." in response.content.decode()
    assert calls == []


def test_bracketed_and_unknown_parameters_are_ignored(manager_client, calls):
    response = manager_client.get(URL + "?course[]=1&course%5B%5D=2&export=csv&foo=bar")
    assert response.status_code == 200
    assert calls == [(ImpactFilter(), "en")]


def test_an_unknown_table_is_not_found(manager_client, calls):
    assert manager_client.get(URL + "nothing.csv").status_code == 404
    assert manager_client.get(URL + "by_nothing.csv").status_code == 404
    assert manager_client.get(URL + "..%2Fsettings.csv").status_code in (301, 404)


def test_only_get(manager_client, calls):
    assert manager_client.post(URL).status_code == 405
    assert manager_client.post(URL + "impact.xlsx").status_code == 405
