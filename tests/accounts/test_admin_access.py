"""Signed-in people who may not open a page meet a clear refusal, never a redirect loop.

Wagtail sends a user without admin access to WAGTAILADMIN_LOGIN_URL (allauth's login), and allauth
sends an authenticated user straight back to ``next``: "too many redirects". The test client's
``follow=True`` raises RedirectCycleError on such a loop.
"""

import html

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.accounts.factories import StaffFactory, UserFactory
from tests.accounts.helpers import log_in_with_mfa

pytestmark = pytest.mark.django_db

REFUSAL = "Your account doesn't have access to the admin"


def facilitator():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    return user


def assert_refused(response, text=REFUSAL):
    assert response.status_code == 403
    assert "accounts/access_refused.html" in [t.name for t in response.templates]
    body = html.unescape(response.content.decode())
    assert text in body
    assert reverse("dashboard") in body
    # Sign out, or sign out and log in as someone else (back to the page asked for).
    assert f'action="{reverse("account_logout")}"' in body
    assert 'name="next"' in body


@pytest.mark.parametrize("make_user", [UserFactory, facilitator], ids=["learner", "facilitator"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/learning-reports/"])
def test_signed_in_non_editor_gets_a_refusal_page_not_a_loop(client, make_user, path):
    client.force_login(make_user())
    assert_refused(client.get(path, follow=True))
    assert_refused(client.get(path))


def test_refusal_is_in_the_site_layout_and_offers_the_way_on(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/admin/pages/?q=coffee")
    body = response.content.decode()
    assert 'class="site-header"' in body  # the public site's layout, not Wagtail's
    assert user.email in body
    # "Log in as someone else" comes back to the page that was asked for.
    assert "/accounts/login/?next=/admin/pages/%3Fq%3Dcoffee" in body


def test_switching_account_from_the_refusal_logs_out_and_asks_for_a_login(client):
    client.force_login(UserFactory())
    next_url = "/accounts/login/?next=/admin/"
    response = client.post(reverse("account_logout"), {"next": next_url})
    assert response.status_code == 302
    assert response.url == next_url
    assert "_auth_user_id" not in client.session
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/accounts/user/"])
def test_django_admin_refuses_learners_without_a_loop(client, path):
    client.force_login(UserFactory())
    assert_refused(client.get(path, follow=True))


def test_django_admin_refuses_staff_who_are_not_superusers(client, site):
    staff = StaffFactory(is_superuser=False)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    log_in_with_mfa(client, staff)
    assert client.get("/admin/").status_code == 200
    response = client.get("/django-admin/", follow=True)
    assert_refused(response, "The Django admin is for superusers")
    assert f'href="{reverse("wagtailadmin_home")}"' in response.content.decode()


def test_staff_flag_without_wagtail_access_is_refused_not_sent_to_set_up_mfa(client):
    # is_staff alone opens neither admin: refuse rather than demand an authenticator for nothing.
    client.force_login(StaffFactory(is_superuser=False))
    assert_refused(client.get("/admin/", follow=True))


def test_editors_and_superusers_still_reach_the_admins(client, site):
    log_in_with_mfa(client, StaffFactory(is_superuser=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_anonymous_visitors_are_still_sent_to_log_in(client):
    for path in ("/admin/", "/django-admin/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200
        assert response.resolver_match.url_name == "account_login"


def test_admin_login_link_for_a_signed_in_learner_ends_on_the_refusal(client):
    client.force_login(UserFactory())
    assert_refused(client.get("/admin/login/?next=/admin/", follow=True))


def test_deactivated_user_with_a_live_session_sees_the_login_form(client):
    user = UserFactory()
    client.force_login(user)
    user.is_active = False
    user.save()
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.resolver_match.url_name == "account_login"


def test_login_page_with_a_next_the_user_cannot_open_ends_on_a_refusal(client, site):
    """Any page that sends a signed-in user to log in (here a Wagtail page restricted to a
    group) would bounce between itself and the login page."""
    from courses.models import StandardPage

    page = site.add_child(instance=StandardPage(title="Staff notes", slug="staff-notes"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Insiders"))
    client.force_login(UserFactory())
    response = client.get(page.url, follow=True)
    assert_refused(response, "Your account can't open this page")
    assert page.url in response.content.decode()


def test_login_page_still_sends_a_signed_in_user_on_to_a_page_they_can_open(client, site):
    client.force_login(UserFactory())
    response = client.get(reverse("account_login") + "?next=/dashboard/")
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    # The same link again (a second tab, a stale bookmark) still works: no false refusal.
    assert client.get("/dashboard/").status_code == 200
    response = client.get(reverse("account_login") + "?next=/dashboard/")
    assert response.status_code == 302


def test_mfa_set_up_redirect_keeps_the_whole_admin_address(client, site):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/pages/search/?q=a&p=2")
    assert response.status_code == 302
    assert response.url == (
        reverse("mfa_activate_totp") + "?next=/admin/pages/search/%3Fq%3Da%26p%3D2"
    )
