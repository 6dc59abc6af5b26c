"""Review of storefront applications in the Wagtail admin: who may see what, the list and the
full record, private export documents, the three decisions through the real services (audit rows,
Wagtail's log, the storefront and its outbox row, the e-mail in the applicant's language), and the
storefronts' provisioning problems with the retry action."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from marketplace_link.models import (
    ApplicationEvent,
    Listing,
    OutboxMessage,
    Storefront,
    StorefrontApplication,
)
from marketplace_link.review.decisions import (
    LOG_APPROVE,
    LOG_REJECT,
    LOG_REQUEST_CHANGES,
    LOG_STOREFRONT_RETRY,
    ReviewError,
    application_approve,
    application_reject,
    application_request_changes,
)
from marketplace_link.setup import STOREFRONT_REVIEWERS
from marketplace_link.tasks import send_decision_email_task
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.marketplace.review_fixtures import (  # noqa: F401  (fixtures)
    PDF_BYTES,
    add_document,
    add_product,
    admin_client,
    applicant_fixture,
    certificate_fixture,
    issued_certificate,
    make_application,
    reviewer_fixture,
    submitted_fixture,
)
from tests.shared_data import shared

pytestmark = pytest.mark.django_db


@shared(needs=("site",))
def review_readiness_course(site):
    """review_fixtures' course, built once for the module's tests (tests/shared_data.py)."""
    catalog = factories.catalog(site)
    return factories.course(
        catalog, "Coffee seller readiness", estimated_hours=12, qualifies_for_storefront=True
    )


@pytest.fixture
def course(review_readiness_course):
    return review_readiness_course


AppStatus = StorefrontApplication.Status
Action = ApplicationEvent.Action


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
# The applications' screens are their own viewset (storefront_applications); the storefronts'
# keep storefronts_admin. The addresses themselves did not change.
APPLICATION_URL_NAMES = {
    "applications": "index",
    "applications_results": "index_results",
    "application": "detail",
    "document": "document",
    "approve": "approve",
    "request_changes": "request_changes",
    "reject": "reject",
}


def url(name: str, *args, **params) -> str:
    if name in APPLICATION_URL_NAMES:
        name = f"storefront_applications:{APPLICATION_URL_NAMES[name]}"
    else:
        name = f"storefronts_admin:{name}"
    return reverse(name, args=args) + ("?" + urlencode(params) if params else "")


def decision_emails(callbacks) -> list:
    return [cb for cb in callbacks if getattr(cb, "__name__", "") == "enqueue_decision_email"]


def post_capturing_email(client, address, data, capture):
    """POST, then send only the decision e-mails registered for commit (eager tasks). (The
    test's transaction never commits; the provisioning delivery also queued on commit must not
    run here: it would call a marketplace that these tests do not start.)"""
    with capture() as callbacks:
        response = client.post(address, data)
    emails = decision_emails(callbacks)
    for callback in emails:
        callback()
    return response, len(emails)


def events(application) -> list[tuple[str, str]]:
    return list(
        ApplicationEvent.objects.filter(application=application).values_list("action", "message")
    )


def wagtail_log(application, action: str):
    return ModelLogEntry.objects.filter(object_id=str(application.pk), action=action)


def listed(response) -> list[str]:
    return re.findall(
        r'<a href="/admin/storefronts/applications/\d+/">([^<]*)</a>', response.content.decode()
    )


@pytest.fixture
def visitors(course):
    """Everyone but the reviewer: anonymous, a learner, staff without the review permission."""
    learner = UserFactory(email="learner@example.com")
    learner_client = Client()
    learner_client.force_login(learner)
    return {
        "anonymous": Client(),
        "learner": learner_client,
        "staff": admin_client("trainer@example.com", "certificates.view_certificate"),
    }


# ---------------------------------------------------------------------------------------------
# Who may see what
# ---------------------------------------------------------------------------------------------
def _addresses(application, document, storefront):
    return {
        "applications": ("get", url("applications")),
        "applications_results": ("get", url("applications_results")),
        "application": ("get", url("application", application.pk)),
        "document": ("get", url("document", application.pk, document.pk)),
        "storefronts": ("get", url("index")),
        "storefronts_results": ("get", url("index_results")),
        "storefront": ("get", url("storefront", storefront.pk)),
        "approve": ("post", url("approve", application.pk)),
        "request_changes": ("post", url("request_changes", application.pk)),
        "reject": ("post", url("reject", application.pk)),
        "retry": ("post", url("retry", storefront.pk)),
    }


def test_only_reviewers_get_in(submitted, visitors, reviewer, certificate, course):
    document = submitted.documents.get()
    other = make_application(
        issued_certificate(UserFactory(email="other@example.com"), course),
        status=AppStatus.APPROVED,
        trading_name="Kivu Tea",
    )
    storefront = Storefront.objects.create(
        application=other, status=Storefront.Status.NEEDS_ATTENTION
    )
    addresses = _addresses(submitted, document, storefront)
    for name, (method, address) in addresses.items():
        data = {"changes-message": "x", "reject-reason": "x"}
        # Anonymous visitors never reach the view: Wagtail sends them to log in.
        response = getattr(visitors["anonymous"], method)(address, data if method == "post" else {})
        assert response.status_code == 302, name
        assert "/login/" in response["Location"], name
        # A signed-in learner gets the site's refusal page, not a loop back to the login page.
        response = getattr(visitors["learner"], method)(address, data if method == "post" else {})
        assert response.status_code == 403, name
        assert "The admin is for trainers, reviewers and staff." in response.content.decode()
        response = getattr(visitors["staff"], method)(address, data if method == "post" else {})
        assert response.status_code == 403, name
        assert "Storefront reviewers" in response.content.decode()

    # None of those attempts decided anything.
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.SUBMITTED
    assert events(submitted) == []
    storefront.refresh_from_db()
    assert storefront.status == Storefront.Status.NEEDS_ATTENTION

    for name, (method, address) in addresses.items():
        if method == "get":
            assert reviewer.get(address).status_code == 200, name


def test_an_unknown_id_is_refused_before_it_is_looked_up(visitors):
    # A 403, not a 404: someone without the permission learns nothing about which ids exist.
    staff = visitors["staff"]
    for address in (url("application", 999999), url("storefront", 999999)):
        assert staff.get(address).status_code == 403, address
    assert staff.get(url("document", 999999, 1)).status_code == 403


def test_there_is_no_add_edit_or_delete_screen(submitted, reviewer):
    """Applications are written by applicants and decided through the review services: the
    viewsets offer none of Wagtail's generic writing screens."""
    from django.urls import NoReverseMatch

    for namespace in ("storefront_applications", "storefronts_admin"):
        for name in ("add", "edit", "copy", "delete", "history", "usage", "inspect"):
            with pytest.raises(NoReverseMatch):
                reverse(f"{namespace}:{name}", args=[submitted.pk])
    for path in ("new/", f"edit/{submitted.pk}/", f"delete/{submitted.pk}/"):
        assert reviewer.get(f"/admin/storefronts/applications/{path}").status_code == 404, path
        assert reviewer.get(f"/admin/storefronts/{path}").status_code == 404, path


def test_menu_shows_storefronts_to_reviewers_only(reviewer, visitors):
    assert "Storefronts" in reviewer.get(reverse("wagtailadmin_home")).content.decode()
    staff_home = visitors["staff"].get(reverse("wagtailadmin_home")).content.decode()
    assert url("applications") not in staff_home


def test_drafts_are_not_the_reviewers_business(certificate, reviewer):
    draft = make_application(certificate, status=AppStatus.DRAFT)
    document = add_document(draft)
    assert listed(reviewer.get(url("applications"))) == []
    assert reviewer.get(url("application", draft.pk)).status_code == 404
    assert reviewer.get(url("document", draft.pk, document.pk)).status_code == 404


# ---------------------------------------------------------------------------------------------
# Group setup
# ---------------------------------------------------------------------------------------------
def test_group_setup_is_idempotent_and_keeps_hand_granted_permissions(db):
    from marketplace_link.api import demo_storefront_reviewers, storefront_review_setup

    group = storefront_review_setup()
    extra = Permission.objects.get(codename="view_certificate")
    group.permissions.add(extra)
    storefront_review_setup()
    assert Group.objects.filter(name=STOREFRONT_REVIEWERS).count() == 1
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "review_application", "view_certificate"}

    demo_reviewer = UserFactory(email="reviewer@example.com")
    demo_storefront_reviewers(["reviewer@example.com"])
    demo_storefront_reviewers(["reviewer@example.com"])
    assert list(group.user_set.all()) == [demo_reviewer]
    assert demo_reviewer.has_perm("marketplace_link.review_application")


def test_every_migrate_sets_up_the_reviewers_group(db):
    Group.objects.filter(name=STOREFRONT_REVIEWERS).delete()
    call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)
    group = Group.objects.get(name=STOREFRONT_REVIEWERS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "review_application"}


def test_log_actions_are_registered():
    for action in (LOG_APPROVE, LOG_REQUEST_CHANGES, LOG_REJECT, LOG_STOREFRONT_RETRY):
        assert log_registry.action_exists(action)


# ---------------------------------------------------------------------------------------------
# The list and the record
# ---------------------------------------------------------------------------------------------
def test_list_filters_by_status_and_searches(submitted, course, reviewer):
    kivu = make_application(
        issued_certificate(UserFactory(email="kivu@example.com"), course),
        status=AppStatus.REJECTED,
        trading_name="Kivu Tea",
        tin="109876543",
    )
    response = reviewer.get(url("applications"))
    assert sorted(listed(response)) == ["Huye Mountain Coffee", "Kivu Tea"]
    assert "1 application awaits a decision." in response.content.decode()

    assert listed(reviewer.get(url("applications", status="submitted"))) == ["Huye Mountain Coffee"]
    assert listed(reviewer.get(url("applications", status="rejected"))) == ["Kivu Tea"]
    assert listed(reviewer.get(url("applications", q="109876543"))) == ["Kivu Tea"]
    assert listed(reviewer.get(url("applications", q="eric@EXAMPLE"))) == ["Huye Mountain Coffee"]
    assert listed(reviewer.get(url("applications", q="nothing like it"))) == []
    # A bad status (an old bookmark) drops that filter, not the search.
    response = reviewer.get(url("applications", status="bogus", q="Kivu"))
    assert response.status_code == 200
    assert listed(response) == ["Kivu Tea"]
    assert kivu.pk


def test_list_query_count_does_not_grow_with_rows(course, reviewer):
    def make(n):
        for i in range(n):
            application = make_application(
                issued_certificate(UserFactory(), course), images=False, trading_name=f"Shop {i}"
            )
            add_product(application)

    make(3)
    with CaptureQueriesContext(connection) as few:
        assert reviewer.get(url("applications")).status_code == 200
    make(20)
    with CaptureQueriesContext(connection) as many:
        response = reviewer.get(url("applications"))
    assert len(listed(response)) == 23
    assert len(many) == len(few)


def test_record_shows_every_field_products_images_documents_and_trail(submitted, reviewer):
    product = submitted.products.get()
    image = product.images.get()
    document = submitted.documents.get()
    ApplicationEvent.objects.create(application=submitted, action=Action.SUBMITTED)

    body = reviewer.get(url("application", submitted.pk)).content.decode()
    for text in (
        "Huye Mountain Coffee Cooperative Ltd",
        "102345678",
        "101234567",
        "Huye",
        "Coffee",
        "+250788123456",
        "sales@huye-coffee.example",
        "Washed Bourbon coffee from the hills of Huye.",
        "Café Bourbon lavé des collines de Huye.",
        "来自胡耶山丘的水洗波旁咖啡。",
        submitted.logo.url,
        "eric@example.com",
        "Coffee seller readiness",
        reverse("certificates:verify", args=[submitted.certificate.code]),
        # The product, all of it
        "Huye washed Bourbon, 1 kg",
        "Cup score 86",
        "12000 RWF",
        "9.50 USD",
        "5 × kilogram",
        "090111",
        "Organic, Fair trade",
        product.sku,
        image.image.url,
        'alt="A bag of green coffee beans"',
        # The document, as a reviewers-only link
        url("document", submitted.pk, document.pk),
        "certificate-of-origin.pdf",
        "application/pdf",
        # The trail and the decisions
        "Audit trail",
        "Submitted",
        "Approve the application",
        "Request changes",
        "Reject the application",
    ):
        assert text in body, text


def test_document_download_is_private_and_exact(submitted, reviewer, course):
    document = submitted.documents.get()
    response = reviewer.get(url("document", submitted.pk, document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "certificate-of-origin.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # The file lives in private storage, outside MEDIA_ROOT: no public address reaches it.
    assert not Path(document.file.path).is_relative_to(settings.MEDIA_ROOT)

    # A document id under another application's address is not found.
    other = make_application(
        issued_certificate(UserFactory(), course), trading_name="Kivu Tea", images=False
    )
    assert reviewer.get(url("document", other.pk, document.pk)).status_code == 404


# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------
def test_approve_creates_the_storefront_audits_and_emails_in_french(
    submitted, applicant, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    applicant.profile.preferred_language = "fr"
    applicant.profile.save()

    response, emails = post_capturing_email(
        reviewer, url("approve", submitted.pk), {}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == url("application", submitted.pk)

    submitted.refresh_from_db()
    assert submitted.status == AppStatus.APPROVED
    assert submitted.decided_by == reviewer.user
    assert submitted.decided_at is not None
    assert events(submitted) == [(Action.APPROVED, "")]
    entry = wagtail_log(submitted, LOG_APPROVE).get()
    assert entry.user == reviewer.user

    # Provisioning's part, in the same transaction: the store, a listing, the outbox row.
    storefront = Storefront.objects.get(application=submitted)
    assert storefront.status == Storefront.Status.PROVISIONING
    assert entry.data == {"storefront": storefront.pk}
    assert Listing.objects.filter(storefront=storefront).count() == 1
    assert list(storefront.outbox.values_list("kind", "status")) == [
        (OutboxMessage.Kind.PROVISION, OutboxMessage.Status.PENDING)
    ]

    assert emails == 1
    (message,) = mailoutbox
    assert message.to == ["eric@example.com"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Huye Mountain Coffee" in message.subject
    assert "L’équipe Isoko" in message.body  # a string the French catalogue already has
    assert "/fr/dashboard/" in message.body

    # The record now says so, and offers no decision any more.
    body = reviewer.get(url("application", submitted.pk)).content.decode()
    assert "Approve the application" not in body
    assert url("storefront", storefront.pk) in body


def test_request_changes_needs_a_message_then_lets_the_applicant_resubmit(
    submitted, applicant, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    from marketplace_link.application.services import application_submit

    response, emails = post_capturing_email(
        reviewer,
        url("request_changes", submitted.pk),
        {"changes-message": "   "},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required." in body
    # The error is tied to its field for screen readers.
    assert re.search(r'<textarea[^>]*aria-describedby="[^"]*id_changes-message[^"]*"', body)
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.SUBMITTED
    assert emails == 0 and mailoutbox == []

    note = "Please add a photo of the packaging and the phytosanitary certificate."
    response, emails = post_capturing_email(
        reviewer,
        url("request_changes", submitted.pk),
        {"changes-message": note},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.CHANGES_REQUESTED
    assert submitted.is_editable
    assert submitted.review_message == note
    assert events(submitted) == [(Action.CHANGES_REQUESTED, note)]
    assert wagtail_log(submitted, LOG_REQUEST_CHANGES).get().data == {"message": note}
    (message,) = mailoutbox
    assert message.extra_headers["Content-Language"] == "en"
    assert note in message.body
    assert "http://" in message.body and "/dashboard/" in message.body
    assert not Storefront.objects.filter(application=submitted).exists()

    # The applicant edits and submits again; the reviewers can decide once more.
    submitted.trading_name = "Huye Mountain Coffee Co."
    submitted.save()
    application_submit(submitted, actor=applicant)
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.SUBMITTED
    assert (
        "Approve the application" in reviewer.get(url("application", submitted.pk)).content.decode()
    )


def test_reject_needs_a_reason_and_emails_it(
    submitted, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    response, _ = post_capturing_email(
        reviewer,
        url("reject", submitted.pk),
        {"reject-reason": ""},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The application was not rejected. Correct the errors below." in body
    assert re.search(r'<textarea[^>]*aria-describedby="[^"]*id_reject-reason[^"]*"', body)
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.SUBMITTED
    assert mailoutbox == []

    reason = "The registration number belongs to another company."
    response, emails = post_capturing_email(
        reviewer,
        url("reject", submitted.pk),
        {"reject-reason": reason},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.REJECTED
    assert submitted.review_message == reason
    assert events(submitted) == [(Action.REJECTED, reason)]
    assert wagtail_log(submitted, LOG_REJECT).get().data == {"reason": reason}
    (message,) = mailoutbox
    assert "not approved" in message.subject
    assert reason in message.body
    assert not Storefront.objects.filter(application=submitted).exists()


def test_only_a_submitted_application_can_be_decided(submitted, reviewer, course):
    application_reject(submitted, actor=reviewer.user, reason="Incomplete.")
    for action, service, kwargs in (
        ("approve", application_approve, {}),
        ("request_changes", application_request_changes, {"message": "Change it."}),
        ("reject", application_reject, {"reason": "Again."}),
    ):
        with pytest.raises(ReviewError) as error:
            service(submitted, actor=reviewer.user, **kwargs)
        assert error.value.code == "not_submitted"
        prefix = {"request_changes": "changes", "reject": "reject"}.get(action)
        data = {f"{prefix}-{name}": value for name, value in kwargs.items()}
        response = reviewer.post(url(action, submitted.pk), data, follow=True)
        assert "only a submitted application can be decided" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.REJECTED
    assert events(submitted) == [(Action.REJECTED, "Incomplete.")]
    assert not Storefront.objects.exists()


def test_a_reviewer_cannot_decide_their_own_application(course, reviewer):
    own = make_application(issued_certificate(reviewer.user, course))
    with pytest.raises(ReviewError) as error:
        application_approve(own, actor=reviewer.user)
    assert error.value.code == "own_application"
    own.refresh_from_db()
    assert own.status == AppStatus.SUBMITTED


def test_a_revoked_certificate_cannot_be_approved(submitted, reviewer):
    Certificate.objects.filter(pk=submitted.certificate_id).update(
        status=Certificate.Status.REVOKED,
        revoked_at=timezone.now(),
        revoked_reason="Plagiarised quiz answers",
    )
    body = reviewer.get(url("application", submitted.pk)).content.decode()
    assert "cannot be approved" in body
    assert "(status: Revoked)" in body
    assert "<td>Revoked</td>" in body  # a label, not the code "revoked"
    assert "Approve the application" not in body
    response = reviewer.post(url("approve", submitted.pk), follow=True)
    assert "no longer valid" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.SUBMITTED
    assert not Storefront.objects.exists()
    # Rejecting stays possible.
    application_reject(submitted, actor=reviewer.user, reason="Certificate revoked.")


def test_a_rolled_back_decision_leaves_nothing_and_sends_nothing(
    submitted, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    class Abort(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Abort):
            with transaction.atomic():
                application_approve(submitted, actor=reviewer.user)
                raise Abort
    assert callbacks == []
    assert mailoutbox == []
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.SUBMITTED
    assert events(submitted) == []
    assert not Storefront.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not wagtail_log(submitted, LOG_APPROVE).exists()


def test_an_inactive_applicant_gets_no_mail(submitted, applicant, reviewer, mailoutbox):
    application_reject(submitted, actor=reviewer.user, reason="Duplicate.")
    applicant.is_active = False
    applicant.save()
    event = ApplicationEvent.objects.get(application=submitted)
    assert send_decision_email_task.apply(args=[event.pk]).get() is False
    assert mailoutbox == []


def test_subjects_are_plain_text_not_html(course, reviewer, mailoutbox):
    for n, (decision, kwargs) in enumerate(
        [
            (application_approve, {}),
            (application_request_changes, {"message": "Add a photo & a price."}),
            (application_reject, {"reason": "Duplicate."}),
        ]
    ):
        application = make_application(
            issued_certificate(UserFactory(email=f"kivu{n}@example.com"), course),
            trading_name="Kivu Tea & Coffee",
            images=False,
        )
        decision(application, actor=reviewer.user, **kwargs)
        event = ApplicationEvent.objects.get(application=application)
        send_decision_email_task.apply(args=[event.pk])
    assert len(mailoutbox) == 3
    for message in mailoutbox:
        assert "Kivu Tea & Coffee" in message.subject, message.subject
        assert "&amp;" not in message.subject
    assert "Add a photo & a price." in mailoutbox[1].body


class BrokenMailServer(BaseEmailBackend):
    """SMTP outside the project: refuses every message with ``error`` and counts the tries."""

    error: type[Exception] = ConnectionRefusedError
    tries = 0

    def send_messages(self, email_messages):
        type(self).tries += 1
        raise type(self).error("mail server down")


@pytest.mark.parametrize("error", [ConnectionRefusedError, RuntimeError])
def test_a_mail_failure_neither_undoes_the_decision_nor_fails_the_request(
    submitted, reviewer, settings, django_capture_on_commit_callbacks, error
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    BrokenMailServer.error, BrokenMailServer.tries = error, 0
    # Runs the on-commit work as a commit would (a rejection queues nothing for the marketplace).
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = reviewer.post(url("reject", submitted.pk), {"reject-reason": "Duplicate."})
    assert response.status_code == 302
    assert len(decision_emails(callbacks)) == 1
    assert BrokenMailServer.tries == 1
    submitted.refresh_from_db()
    assert submitted.status == AppStatus.REJECTED
    body = reviewer.get(url("application", submitted.pk)).content.decode()
    assert "The applicant will be e-mailed the reason." in body
    assert "was e-mailed" not in body


def test_the_email_task_retries_while_the_mail_server_is_down(
    submitted, reviewer, settings, mailoutbox
):
    application_reject(submitted, actor=reviewer.user, reason="Duplicate.")
    event = ApplicationEvent.objects.get(application=submitted)
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    BrokenMailServer.error, BrokenMailServer.tries = ConnectionRefusedError, 0
    # The task asks Celery to retry it (a worker does, with backoff; eager, it is raised).
    with pytest.raises(Retry):
        send_decision_email_task.apply(args=[event.pk])
    assert BrokenMailServer.tries == 1
    # The server is back: the next delivery sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_decision_email_task.apply(args=[event.pk]).get() is True
    assert len(mailoutbox) == 1


def test_a_redelivered_email_task_sends_once(submitted, reviewer, mailoutbox):
    application_request_changes(submitted, actor=reviewer.user, message="Add a photo.")
    event = ApplicationEvent.objects.get(application=submitted)
    assert send_decision_email_task.apply(args=[event.pk]).get() is True
    assert send_decision_email_task.apply(args=[event.pk]).get() is False
    assert len(mailoutbox) == 1


def test_a_decision_post_loads_only_what_it_decides_on(submitted, reviewer):
    application_reject(submitted, actor=reviewer.user, reason="Incomplete.")
    with CaptureQueriesContext(connection) as queries:
        response = reviewer.post(url("reject", submitted.pk), {"reject-reason": "Again."})
    assert response.status_code == 302  # refused: already decided
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("exportdocument", "productimage", "applicationevent"):
        assert f"marketplace_link_{table}" not in tables, table


# ---------------------------------------------------------------------------------------------
# Storefronts and their provisioning problems
# ---------------------------------------------------------------------------------------------
def _storefront(course, name, status, *, failed_error=""):
    application = make_application(
        issued_certificate(UserFactory(), course),
        status=AppStatus.APPROVED,
        trading_name=name,
        images=False,
    )
    storefront = Storefront.objects.create(application=application, status=status)
    if failed_error:
        OutboxMessage.objects.create(
            storefront=storefront,
            kind=OutboxMessage.Kind.PROVISION,
            status=OutboxMessage.Status.FAILED,
            attempts=10,
            last_error=failed_error,
        )
    return storefront


def listed_storefronts(response) -> list[str]:
    return re.findall(r'<a href="/admin/storefronts/\d+/">([^<]*)</a>', response.content.decode())


def test_storefronts_list_flags_and_filters_those_needing_attention(course, reviewer):
    stuck = _storefront(
        course,
        "Kivu Tea",
        Storefront.Status.NEEDS_ATTENTION,
        failed_error="503 Service Unavailable after 10 attempts",
    )
    _storefront(course, "Nyungwe Crafts", Storefront.Status.LIVE)
    _storefront(course, "Gorilla Treks", Storefront.Status.PROVISIONING)

    response = reviewer.get(url("index"))
    body = response.content.decode()
    assert sorted(listed_storefronts(response)) == ["Gorilla Treks", "Kivu Tea", "Nyungwe Crafts"]
    assert "1 storefront needs attention" in body

    assert listed_storefronts(reviewer.get(url("index", attention="on"))) == ["Kivu Tea"]
    assert listed_storefronts(reviewer.get(url("index", status="live"))) == ["Nyungwe Crafts"]
    assert listed_storefronts(reviewer.get(url("index", q="gorilla"))) == ["Gorilla Treks"]

    detail = reviewer.get(url("storefront", stuck.pk)).content.decode()
    assert "503 Service Unavailable after 10 attempts" in detail
    assert "Retry delivery now" in detail
    assert "Create the store, its products, publish" in detail


@pytest.mark.parametrize("name", ["index", "index_results"])
def test_storefronts_list_query_count_is_the_same_for_n_and_n_plus_2_rows(course, reviewer, name):
    counts = []
    for batch in (3, 2):
        for n in range(batch):
            _storefront(
                course, f"Shop {len(counts)}-{n}", Storefront.Status.LIVE, failed_error="boom"
            )
        reviewer.get(url(name))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = reviewer.get(url(name))
        assert len(listed_storefronts(response)) == (3 if not counts else 5)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["applications", "applications_results"])
def test_applications_list_query_count_is_the_same_for_n_and_n_plus_2_rows(course, reviewer, name):
    counts = []
    for batch in (3, 2):
        for n in range(batch):
            application = make_application(
                issued_certificate(UserFactory(), course), images=False, trading_name=f"Shop {n}"
            )
            add_product(application)
        reviewer.get(url(name))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = reviewer.get(url(name))
        assert len(listed(response)) == (3 if not counts else 5)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_retry_restarts_delivery_and_is_audited(
    course, reviewer, django_capture_on_commit_callbacks
):
    stuck = _storefront(
        course, "Kivu Tea", Storefront.Status.NEEDS_ATTENTION, failed_error="timed out"
    )
    with django_capture_on_commit_callbacks() as callbacks:  # delivery is queued, not run here
        response = reviewer.post(url("retry", stuck.pk))
    assert response.status_code == 302
    assert response["Location"] == url("storefront", stuck.pk)
    assert len(callbacks) >= 1

    stuck.refresh_from_db()
    assert stuck.status != Storefront.Status.NEEDS_ATTENTION
    assert not stuck.outbox.filter(status=OutboxMessage.Status.FAILED).exists()
    message = stuck.outbox.get(kind=OutboxMessage.Kind.PROVISION, status="pending")
    assert message.attempts == 0
    assert events(stuck.application) == [(Action.RETRIED, "")]
    entry = ModelLogEntry.objects.get(object_id=str(stuck.pk), action=LOG_STOREFRONT_RETRY)
    assert entry.user == reviewer.user
    assert entry.data == {"status": stuck.status}  # what the retry left, not needs_attention
    assert listed_storefronts(reviewer.get(url("index", attention="on"))) == []


def test_every_id_on_the_review_page_is_unique_and_each_label_names_its_own_box(
    submitted, reviewer
):
    """Approve, request changes and reject on one page, with and without errors shown."""
    from tests.html_checks import assert_ids_unique_and_labels_in_their_form

    pages = [
        reviewer.get(url("application", submitted.pk)),
        reviewer.post(url("request_changes", submitted.pk), {"changes-message": " "}),
        reviewer.post(url("reject", submitted.pk), {"reject-reason": " "}),
    ]
    for response in pages:
        assert response.status_code == 200
        forms = assert_ids_unique_and_labels_in_their_form(response.content.decode())
        actions = {form["action"]: form for form in forms}
        assert actions[url("request_changes", submitted.pk)]["labels"]
        assert actions[url("reject", submitted.pk)]["labels"]
