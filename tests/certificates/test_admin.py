"""Certificates in the Wagtail admin: the list (search, filters, the parked count, paging, a query
count that does not grow with rows), the detail page, revoke / reissue / retry through the real
services, Wagtail's audit log, and who may do what."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate, CertificateEvent
from core.learner_cache import is_generation_bump  # the dashboard's generation, bumped on commit
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

Status = Certificate.Status
# Measured on SQLite: 15 for the list page whatever its rows (most of them the admin's own
# furniture: session, user, MFA, sidebar menu, permission checks). 5 and 50 rows cost the same.
LIST_MAX_QUERIES = 16


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------------------------
def admin_client(email: str, *perms: str) -> Client:
    """A logged-in user with Wagtail admin access, TOTP set up (the MFA policy) and `perms`."""
    user = UserFactory(email=email)
    codenames = ["wagtailadmin.access_admin", *perms]
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return log_in_with_mfa(Client(), user)


@shared(needs=("site",))
def certificate_admin_world(site):
    """Two courses with a template, built once for the module's tests (tests/shared_data.py)."""
    from courses.models import CertificateTemplate

    template = CertificateTemplate.objects.create(
        name="Isoko standard", signatory_name="Claudine Mukamana", signatory_title="Director"
    )
    catalog = factories.catalog(site)
    return {
        "coffee": factories.course(
            catalog, "Selling coffee online", estimated_hours=12, certificate_template=template
        ),
        "tourism": factories.course(catalog, "Tourism basics", certificate_template=template),
    }


@pytest.fixture
def world(certificate_admin_world):
    return certificate_admin_world


@pytest.fixture
def staff(world):
    """Four kinds of visitor besides the anonymous one."""
    learner = UserFactory(email="eric@example.com")
    learner_client = Client()
    learner_client.force_login(learner)
    return {
        "learner": learner_client,
        "no_permission": admin_client("reviewer@example.com"),
        "viewer": admin_client("viewer@example.com", "certificates.view_certificate"),
        "manager": admin_client(
            "registrar@example.com",
            "certificates.view_certificate",
            "certificates.change_certificate",
        ),
    }


def make(course, *, learner=None, status=Status.ISSUED, name="Aline Uwase", **fields):
    """A certificate written straight to the database (the admin only reads and acts on it)."""
    learner = learner or UserFactory()
    if status in (Status.ISSUED, Status.REVOKED, Status.SUPERSEDED):
        fields.setdefault("issued_at", timezone.now())
        fields.setdefault("issued_on", timezone.localdate())
        fields.setdefault("pdf_sha256", hashlib.sha256(name.encode()).hexdigest())
    if status == Status.REVOKED:
        fields.setdefault("revoked_at", timezone.now())
        fields.setdefault("revoked_reason", "Plagiarised quiz answers")
    return Certificate.objects.create(
        learner=learner,
        course=course,
        name=name,
        course_title=course.title,
        status=status,
        **fields,
    )


def index_url(**params) -> str:
    from urllib.parse import urlencode

    return reverse("certificates_admin:index") + ("?" + urlencode(params) if params else "")


def detail_url(certificate) -> str:
    return reverse("certificates_admin:detail", args=[certificate.pk])


def action_url(action: str, certificate) -> str:
    return reverse(f"certificates_admin:{action}", args=[certificate.pk])


def listed_names(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r'<a href="/admin/certificates/\d+/">([^<]*)</a>', body)


def admin_logs(certificate, action: str):
    return ModelLogEntry.objects.filter(object_id=str(certificate.pk), action=action)


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------
def test_list_shows_columns_and_searches_every_field(world, staff):
    coffee, tourism = world["coffee"], world["tourism"]
    aline = make(coffee, name="Aline Uwase", learner=UserFactory(email="aline@example.com"))
    make(tourism, name="Jean Bosco", learner=UserFactory(email="bosco@example.com"), attempts=2)
    make(coffee, name="李明", status=Status.PENDING)
    client = staff["viewer"]

    response = client.get(index_url())
    assert response.status_code == 200
    body = response.content.decode()
    for header in ("Name as printed", "Course", "Status", "Issued on", "Attempts", "Parked"):
        # Wagtail's table: a plain <th> per column (the framework's markup, not ours).
        assert re.search(rf"<th[^>]*>\s*{re.escape(header)}\s*</th>", body), header
    assert sorted(listed_names(response)) == sorted(["Aline Uwase", "Jean Bosco", "李明"])
    assert "aline@example.com" in body and "Tourism basics" in body

    assert listed_names(client.get(index_url(q="uwase"))) == ["Aline Uwase"]
    assert listed_names(client.get(index_url(q=aline.code))) == ["Aline Uwase"]
    assert listed_names(client.get(index_url(q="BOSCO@example"))) == ["Jean Bosco"]
    assert sorted(listed_names(client.get(index_url(q="coffee")))) == ["Aline Uwase", "李明"]
    assert listed_names(client.get(index_url(q="李"))) == ["李明"]
    assert listed_names(client.get(index_url(q="nobody"))) == []
    assert "No certificate matches." in client.get(index_url(q="nobody")).content.decode()


def test_list_filters_by_status_and_needs_attention(world, staff):
    coffee = world["coffee"]
    make(coffee, name="Issued One")
    make(coffee, name="Revoked One", status=Status.REVOKED)
    make(coffee, name="Superseded One", status=Status.SUPERSEDED)
    make(coffee, name="Pending Fine", status=Status.PENDING, attempts=1)
    make(coffee, name="Pending Failing", status=Status.PENDING, attempts=2, last_error="OSError")
    make(
        coffee,
        name="Parked One",
        status=Status.PENDING,
        attempts=5,
        last_error="ValueError: bad font",
        parked_at=timezone.now(),
    )
    client = staff["viewer"]

    assert listed_names(client.get(index_url(status="revoked"))) == ["Revoked One"]
    assert listed_names(client.get(index_url(status="superseded"))) == ["Superseded One"]
    assert sorted(listed_names(client.get(index_url(status="pending")))) == [
        "Parked One",
        "Pending Failing",
        "Pending Fine",
    ]
    assert sorted(listed_names(client.get(index_url(attention="on")))) == [
        "Parked One",
        "Pending Failing",
    ]
    assert listed_names(client.get(index_url(status="issued", attention="on"))) == []
    # An unknown status is ignored rather than an error page.
    assert len(listed_names(client.get(index_url(status="bogus")))) == 6
    assert listed_names(client.get(index_url(status="bogus", q="parked"))) == ["Parked One"]


def test_the_attention_filter_shows_as_a_pill_and_there_is_no_spreadsheet_export(world, staff):
    make(world["coffee"], name="Parked", status=Status.PENDING, last_error="x", attempts=1)
    body = staff["viewer"].get(index_url(attention="on")).content.decode()
    assert re.search(r"Needs attention only:\s*</span>\s*<b[^>]*>Yes</b>", body)
    # Wagtail's generic list would answer ?export=csv with every row; ours is just the page.
    response = staff["viewer"].get(index_url(export="csv"))
    assert response["Content-Type"].startswith("text/html")


def test_the_search_box_says_what_it_searches(staff):
    body = staff["viewer"].get(index_url()).content.decode()
    assert 'placeholder="Name, code, learner e-mail or course title."' in body


def test_parked_count_is_prominent_and_links_to_the_filter(world, staff):
    for n in range(2):
        make(
            world["coffee"],
            name=f"Parked {n}",
            status=Status.PENDING,
            attempts=5,
            last_error="boom",
            parked_at=timezone.now(),
        )
    body = staff["viewer"].get(index_url()).content.decode()
    assert "2 certificates are parked after repeated failures." in body
    assert 'href="/admin/certificates/?attention=on"' in body


def test_list_pages_by_fifty(world, staff):
    learners = UserFactory.create_batch(51)
    for n, learner in enumerate(learners):
        make(world["coffee"], learner=learner, name=f"Learner {n:02d}")
    client = staff["viewer"]
    first = client.get(index_url())
    assert len(listed_names(first)) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(index_url(p=2))
    assert listed_names(second) == ["Learner 00"]  # newest first: the first made comes last


@pytest.mark.parametrize("rows", [5, 50])
def test_list_query_count_does_not_grow_with_rows(
    world, staff, rows, django_assert_max_num_queries
):
    for learner in UserFactory.create_batch(rows):
        make(world["coffee"], learner=learner, name=learner.email)
    client = staff["viewer"]
    client.get(index_url())  # warm the per-process caches (content types, site)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(index_url())
    assert len(listed_names(response)) == rows


def test_list_costs_the_same_for_5_and_50_rows(world, staff):
    client = staff["viewer"]
    counts = []
    for batch in (5, 45):
        for learner in UserFactory.create_batch(batch):
            make(world["coffee"], learner=learner, name=learner.email)
        client.get(index_url())
        with CaptureQueriesContext(connection) as queries:
            client.get(index_url())
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# ---------------------------------------------------------------------------------------------
# The detail page
# ---------------------------------------------------------------------------------------------
def test_detail_shows_every_fact_the_trail_and_the_links(world, staff):
    learner = UserFactory(email="aline@example.com")
    old = make(world["coffee"], learner=learner, name="Aline Uwase", status=Status.SUPERSEDED)
    new = make(world["coffee"], learner=learner, name="Aline Uwase-Mukamana", hours=12)
    old.superseded_by = new
    old.save()
    CertificateEvent.objects.create(
        certificate=new,
        action=CertificateEvent.Action.REISSUED,
        actor=staff["manager"].user,
        reason="Name corrected on request",
    )

    response = staff["viewer"].get(detail_url(new))
    assert response.status_code == 200
    body = response.content.decode()
    for fact in (
        new.code,
        "aline@example.com",
        "Selling coffee online",
        "Aline Uwase-Mukamana",
        new.pdf_sha256,
        "English",
        "Issued",
    ):
        assert fact in body, fact
    assert f'href="{detail_url(old)}"' in body  # supersedes
    assert "Name corrected on request" in body and "registrar@example.com" in body
    assert f'href="{reverse("certificates:verify", args=[new.code])}"' in body
    # A viewer sees no action forms.
    assert action_url("revoke", new) not in body

    old_body = staff["viewer"].get(detail_url(old)).content.decode()
    assert "Superseded by" in old_body and f'href="{detail_url(new)}"' in old_body


def test_detail_of_a_parked_certificate_puts_the_error_and_retry_first(world, staff):
    parked = make(
        world["coffee"],
        status=Status.PENDING,
        attempts=5,
        last_error="ValueError: no glyph for 李",
        parked_at=timezone.now(),
    )
    body = staff["manager"].get(detail_url(parked)).content.decode()
    assert "help-critical" in body
    notice = body[body.index("help-critical") : body.index('id="facts"')]
    assert "ValueError: no glyph for 李" in notice
    assert action_url("retry", parked) in notice
    # Pending certificates have no public page yet: no link to what would be a 404.
    assert "/certificates/verify/" not in body


def test_unknown_certificate_is_404(staff):
    assert (
        staff["viewer"].get(reverse("certificates_admin:detail", args=[999999])).status_code == 404
    )


# ---------------------------------------------------------------------------------------------
# Revoke
# ---------------------------------------------------------------------------------------------
def test_revoke_with_a_reason_revokes_audits_and_shows_on_the_public_page(world, staff):
    certificate = make(world["coffee"], name="Aline Uwase")
    manager = staff["manager"]
    response = manager.post(
        action_url("revoke", certificate), {"revoke-reason": "Exam fraud proven"}
    )
    assert response.status_code == 302 and response["Location"] == detail_url(certificate)

    certificate.refresh_from_db()
    assert certificate.status == Status.REVOKED
    assert certificate.revoked_reason == "Exam fraud proven"
    event = certificate.events.get(action=CertificateEvent.Action.REVOKED)
    assert event.actor == manager.user and event.reason == "Exam fraud proven"
    (entry,) = admin_logs(certificate, "certificates.revoke")
    assert entry.user_id == manager.user.pk and entry.data["reason"] == "Exam fraud proven"

    page = manager.get(detail_url(certificate)).content.decode()
    assert "revoked" in page.lower() and "Exam fraud proven" in page
    public = Client().get(reverse("certificates:verify", args=[certificate.code]))
    assert "Exam fraud proven" in public.content.decode()
    # Wagtail's site history report shows the entry with its label.
    history = manager.get(reverse("wagtailadmin_reports:site_history"))
    assert "Certificate revoked" in history.content.decode()


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_revoke_without_a_reason_changes_nothing(world, staff, reason):
    certificate = make(world["coffee"])
    response = staff["manager"].post(action_url("revoke", certificate), {"revoke-reason": reason})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The certificate was not revoked" in body
    assert "This field is required." in body
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED
    assert not certificate.events.exists()
    assert not admin_logs(certificate, "certificates.revoke").exists()


def test_revoking_a_revoked_certificate_is_refused(world, staff):
    certificate = make(world["coffee"], status=Status.REVOKED, revoked_reason="First reason")
    manager = staff["manager"]
    response = manager.post(
        action_url("revoke", certificate), {"revoke-reason": "Second"}, follow=True
    )
    assert "Only an issued certificate can be revoked." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "First reason"
    assert not admin_logs(certificate, "certificates.revoke").exists()


# ---------------------------------------------------------------------------------------------
# Reissue
# ---------------------------------------------------------------------------------------------
def test_reissue_form_is_prefilled_with_the_printed_name(world, staff):
    certificate = make(world["coffee"], name="Aline Uwase")
    body = staff["manager"].get(detail_url(certificate)).content.decode()
    assert re.search(r'<input[^>]*name="reissue-name"[^>]*value="Aline Uwase"', body)


def test_reissue_after_a_name_correction_issues_a_new_certificate(
    world, staff, django_capture_on_commit_callbacks
):
    learner = UserFactory(email="aline@example.com")
    old = make(world["coffee"], learner=learner, name="Aline Uwasse")
    manager = staff["manager"]
    # The new certificate is issued by the real task (eager in tests) once the request commits.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = manager.post(
            action_url("reissue", old),
            {
                "reissue-name": " Aline Uwase ",
                "reissue-reason": "Spelling of the surname corrected",
            },
        )
    assert callbacks, "the issuing task was not enqueued on commit"
    old.refresh_from_db()
    new = old.superseded_by
    assert response.status_code == 302 and response["Location"] == detail_url(new)
    assert old.status == Status.SUPERSEDED
    assert new.name == "Aline Uwase" and new.learner == learner and new.course_id == old.course_id
    assert new.code != old.code
    new.refresh_from_db()
    assert new.status == Status.ISSUED
    with new.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == new.pdf_sha256

    assert old.events.get(action="superseded").reason == "Spelling of the surname corrected"
    assert new.events.get(action="reissued").actor == manager.user
    for certificate in (old, new):
        (entry,) = admin_logs(certificate, "certificates.reissue")
        assert entry.data["new_certificate"] == new.pk and entry.data["old_name"] == "Aline Uwasse"

    page = manager.get(response["Location"])
    assert "Reissued for Aline Uwase" in page.content.decode()
    # The old code keeps resolving, to "superseded" with a link to the new one.
    public = Client().get(
        reverse("certificates:verify", args=[old.code]), HTTP_ACCEPT="application/json"
    )
    assert public.json()["status"] == "superseded"
    assert public.json()["superseded_by"].endswith(f"/certificates/verify/{new.code}/")


@pytest.mark.parametrize(
    "data, error",
    [
        ({"reissue-name": "Aline Uwase", "reissue-reason": ""}, "This field is required."),
        ({"reissue-name": "  ", "reissue-reason": "Name corrected"}, "This field is required."),
    ],
)
def test_reissue_needs_a_name_and_a_reason(
    world, staff, data, error, django_capture_on_commit_callbacks
):
    certificate = make(world["coffee"], name="Aline Uwasse")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff["manager"].post(action_url("reissue", certificate), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert "The certificate was not reissued" in response.content.decode()
    assert not callbacks
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED and certificate.superseded_by is None
    assert Certificate.objects.count() == 1


def test_reissuing_a_pending_certificate_is_refused(world, staff):
    certificate = make(world["coffee"], status=Status.PENDING)
    response = staff["manager"].post(
        action_url("reissue", certificate),
        {"reissue-name": "X Y", "reissue-reason": "why"},
        follow=True,
    )
    assert "Only an issued certificate can be reissued." in response.content.decode()
    assert Certificate.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# Retry
# ---------------------------------------------------------------------------------------------
def test_retry_unparks_a_certificate_and_enqueues_it(
    world, staff, django_capture_on_commit_callbacks
):
    parked = make(
        world["coffee"],
        status=Status.PENDING,
        attempts=5,
        last_error="boom",
        parked_at=timezone.now() - timedelta(hours=1),
    )
    manager = staff["manager"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = manager.post(action_url("retry", parked))
    assert response.status_code == 302
    assert (
        len([c for c in callbacks if not is_generation_bump(c)]) == 1
    )  # the issuing task, sent once the retry commits
    parked.refresh_from_db()
    assert parked.parked_at is None and parked.attempts == 0
    assert parked.events.get(action="retried").actor == manager.user
    (entry,) = admin_logs(parked, "certificates.retry")
    assert entry.data == {"was_parked": True, "attempts": 5}
    assert "no certificate is parked" in manager.get(index_url()).content.decode().lower()


def test_retrying_an_issued_certificate_is_refused(world, staff):
    certificate = make(world["coffee"])
    response = staff["manager"].post(action_url("retry", certificate), follow=True)
    assert "Only a pending certificate can be retried." in response.content.decode()
    assert not certificate.events.exists()


# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------
def test_anonymous_visitors_go_to_the_login_page(world):
    certificate = make(world["coffee"])
    client = Client()
    for url in (index_url(), detail_url(certificate)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(action_url("revoke", certificate), {"revoke-reason": "x"})
    assert response.status_code == 302 and "login" in response["Location"]
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED


def test_a_learner_cannot_see_or_revoke_even_with_a_guessed_url(world, staff):
    certificate = make(world["coffee"])
    learner = staff["learner"]
    for url in (index_url(), detail_url(certificate)):
        response = learner.get(url)
        # Wagtail's admin refuses users without admin access before our view runs (a 403 page,
        # not a redirect to the login page they are already past: accounts/middleware.py).
        assert response.status_code == 403
    for action, data in (
        ("revoke", {"revoke-reason": "I want it gone"}),
        ("reissue", {"reissue-name": "Someone Else", "reissue-reason": "mine now"}),
        ("retry", {}),
    ):
        response = learner.post(action_url(action, certificate), data)
        assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED
    assert Certificate.objects.count() == 1 and not CertificateEvent.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="certificates.").exists()


def test_staff_without_the_permission_get_403(world, staff):
    certificate = make(world["coffee"])
    client = staff["no_permission"]
    assert client.get(index_url()).status_code == 403
    assert client.get(detail_url(certificate)).status_code == 403
    assert client.get(action_url("pdf", certificate)).status_code == 403
    response = client.post(action_url("revoke", certificate), {"revoke-reason": "x"})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED
    # Nor do they see the menu item.
    assert (
        reverse("certificates_admin:index")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def every_view(certificate) -> list[tuple[str, str]]:
    """Every address of the certificates' admin screens, with the method each answers."""
    return [
        ("get", index_url()),
        ("get", reverse("certificates_admin:index_results")),
        ("get", detail_url(certificate)),
        ("get", action_url("pdf", certificate)),
        ("post", action_url("revoke", certificate)),
        ("post", action_url("reissue", certificate)),
        ("post", action_url("retry", certificate)),
    ]


def test_every_view_sends_visitors_to_log_in_and_refuses_staff_without_the_permission(world, staff):
    certificate = make(world["coffee"])
    for method, url in every_view(certificate):
        response = getattr(Client(), method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url
        response = getattr(staff["no_permission"], method)(url)
        assert response.status_code == 403, url
        assert "certificate permissions" in response.content.decode(), url
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED and not certificate.events.exists()


def test_an_unknown_id_is_refused_before_it_is_looked_up(staff):
    # A 403, not a 404: someone without the permission learns nothing about which ids exist.
    for url in (detail_url(Certificate(pk=999999)), action_url("pdf", Certificate(pk=999999))):
        assert staff["no_permission"].get(url).status_code == 403


def test_there_is_no_add_edit_copy_or_delete_screen(world, staff):
    """Certificates are made by issuing and changed only through the actions: the viewset
    offers none of Wagtail's generic writing screens."""
    from django.urls import NoReverseMatch

    certificate = make(world["coffee"])
    for name in ("add", "edit", "copy", "delete", "history", "usage", "inspect"):
        with pytest.raises(NoReverseMatch):
            reverse(f"certificates_admin:{name}", args=[certificate.pk])
    manager = staff["manager"]
    for path in ("new/", f"edit/{certificate.pk}/", f"delete/{certificate.pk}/"):
        assert manager.get(f"/admin/certificates/{path}").status_code == 404, path
    body = manager.get(index_url()).content.decode()
    assert "/admin/certificates/edit/" not in body and "/admin/certificates/new/" not in body


@pytest.mark.parametrize("view", ["index", "index_results"])
def test_list_query_count_is_the_same_for_n_and_n_plus_2_rows(world, staff, view):
    client = staff["viewer"]
    address = reverse(f"certificates_admin:{view}")
    counts = []
    for batch in (3, 2):
        for learner in UserFactory.create_batch(batch):
            make(world["coffee"], learner=learner, name=learner.email)
        client.get(address)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert len(listed_names(response)) == sum((3, 2)[: len(counts) + 1])
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_viewers_may_look_but_not_act(world, staff):
    certificate = make(world["coffee"])
    client = staff["viewer"]
    assert (
        reverse("certificates_admin:index")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    for action, data in (
        ("revoke", {"revoke-reason": "x"}),
        ("reissue", {"reissue-name": "A B", "reissue-reason": "x"}),
        ("retry", {}),
    ):
        assert client.post(action_url(action, certificate), data).status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED and not certificate.events.exists()


def test_actions_are_post_only_and_need_the_csrf_token(world, staff):
    certificate = make(world["coffee"])
    manager = staff["manager"]
    assert manager.get(action_url("revoke", certificate)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager.user)
    assert strict.post(action_url("revoke", certificate), {"revoke-reason": "x"}).status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Status.ISSUED
    # The forms on the page carry the token.
    body = strict.get(detail_url(certificate)).content.decode()
    assert body.count('name="csrfmiddlewaretoken"') >= 2


def test_staff_may_open_the_pdf_of_a_revoked_certificate(world, staff, tmp_path):
    from django.core.files.base import ContentFile

    certificate = make(world["coffee"], status=Status.REVOKED)
    certificate.pdf.save("x.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    response = staff["viewer"].get(action_url("pdf", certificate))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert "no-store" in response["Cache-Control"]
    certificate.pdf.delete(save=False)


def test_certificate_permissions_can_be_granted_in_wagtails_group_editor(editor_client):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Registrars")
    response = editor_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for codename in ("view_certificate", "change_certificate"):
        permission = Permission.objects.get(
            content_type__app_label="certificates", codename=codename
        )
        assert f'value="{permission.pk}"' in body, codename
    # Not offered: certificates are created by issuing, never by hand.
    add = Permission.objects.get(content_type__app_label="certificates", codename="add_certificate")
    assert f'value="{add.pk}"' not in body


def test_every_id_on_the_detail_page_is_unique_and_each_label_names_its_own_box(world, staff):
    """Reissue and Revoke both have a reason: each box has its own id, so the Revoke label
    does not point at the Reissue box. Also with errors shown after a failed POST."""
    from tests.html_checks import assert_ids_unique_and_labels_in_their_form

    certificate = make(world["coffee"])
    manager = staff["manager"]
    pages = [
        manager.get(detail_url(certificate)),
        manager.post(action_url("revoke", certificate), {"revoke-reason": " "}),
        manager.post(
            action_url("reissue", certificate), {"reissue-name": "", "reissue-reason": ""}
        ),
    ]
    for response in pages:
        assert response.status_code == 200
        forms = assert_ids_unique_and_labels_in_their_form(response.content.decode())
        actions = {form["action"]: form for form in forms}
        assert actions[action_url("revoke", certificate)]["labels"]
        assert actions[action_url("reissue", certificate)]["labels"]
