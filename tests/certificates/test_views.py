"""The public verification page, its JSON, the lookup form, downloads and the dashboard."""

import hashlib

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_reissue, certificate_revoke
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def verify_url(certificate):
    return reverse("certificates:verify", args=[certificate.code])


def test_verify_page_shows_the_facts_to_anyone(client, issued):
    response = client.get(verify_url(issued))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Éric Ngabo Uwimana", "Selling coffee online", "Valid", issued.pdf_sha256):
        assert text in html
    assert reverse("certificates:download", args=[issued.code]) in html


def test_verify_answers_json_when_asked(client, issued):
    response = client.get(verify_url(issued), HTTP_ACCEPT="application/json")
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["status"] == "valid"
    assert data["name"] == "Éric Ngabo Uwimana"
    assert data["course"] == "Selling coffee online"
    assert data["pdf_sha256"] == issued.pdf_sha256
    assert data["issued_on"] == issued.issued_on.isoformat()


@pytest.mark.parametrize("code", ["nope", "A" * 27, "A" * 26 + "!", "x" * 300])
def test_unknown_and_bad_codes_get_a_plain_404(client, issued, code):
    response = client.get(f"/certificates/verify/{code}/")
    assert response.status_code == 404
    assert issued.name not in response.content.decode()
    assert client.get(f"/certificates/verify/{code}/", HTTP_ACCEPT="application/json").json() == {
        "error": "not_found"
    }


def test_a_pending_certificate_is_not_public(client, completion):
    from certificates.services import certificate_prepare

    pending = certificate_prepare(completion_id=completion.pk)
    assert client.get(verify_url(pending)).status_code == 404


def test_lookup_form_redirects_and_explains_bad_input(client, issued):
    response = client.get(reverse("certificates:lookup"), {"code": f"  {issued.code} "})
    assert response.status_code == 302 and response["Location"] == verify_url(issued)
    pasted_link = f"https://isoko.example/certificates/verify/{issued.code}/"
    assert client.get(reverse("certificates:lookup"), {"code": pasted_link})["Location"] == (
        verify_url(issued)
    )
    response = client.get(reverse("certificates:lookup"), {"code": "12"})
    assert response.status_code == 200
    assert "That is not a certificate code" in response.content.decode()


def test_verify_is_rate_limited_per_ip(client, issued, settings):
    settings.ISOKO_VERIFY_RATE_LIMIT = 3
    codes = [client.get(verify_url(issued)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other_ip = client.get(verify_url(issued), REMOTE_ADDR="10.9.8.7")
    assert other_ip.status_code == 200
    limited = client.get(verify_url(issued), HTTP_ACCEPT="application/json")
    assert limited.status_code == 429 and limited["Retry-After"] == "60"


def test_revoked_shows_reason_and_superseded_links_to_the_new_one(
    client, issued, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(
            certificate=issued, actor=staff, reason="Name typo", name="Eric N."
        )
    old_page = client.get(verify_url(issued)).content.decode()
    assert "Superseded" in old_page and verify_url(new) in old_page
    assert (
        client.get(verify_url(issued), HTTP_ACCEPT="application/json")
        .json()["superseded_by"]
        .endswith(verify_url(new))
    )
    new.refresh_from_db()
    certificate_revoke(certificate=new, actor=staff, reason="Exam fraud found")
    data = client.get(verify_url(new), HTTP_ACCEPT="application/json").json()
    assert data["status"] == "revoked" and data["revoked_reason"] == "Exam fraud found"
    assert "Exam fraud found" in client.get(verify_url(new)).content.decode()


def test_public_download_matches_the_published_hash(client, issued):
    response = client.get(reverse("certificates:download", args=[issued.code]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == issued.pdf_sha256
    assert response["Content-Disposition"].startswith("attachment")


def test_a_pdf_missing_from_storage_is_not_found_and_logged(client, issued, caplog):
    # The database and the store can disagree (one restored without the other): a 404 and an
    # error in the log, never a 500 (found by the load test).
    issued.pdf.storage.delete(issued.pdf.name)
    with caplog.at_level("ERROR", logger="core.http"):
        response = client.get(reverse("certificates:download", args=[issued.code]))
    assert response.status_code == 404
    assert any(issued.pdf.name in record.getMessage() for record in caplog.records)


def test_revoked_pdf_only_for_its_holder_and_staff(client, issued, learner):
    certificate_revoke(certificate=issued, actor=None, reason="Issued in error")
    url = reverse("certificates:download", args=[issued.code])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(learner)
    assert client.get(url).status_code == 200


def test_dashboard_lists_certificates_with_download_and_linkedin(client, issued, learner):
    client.force_login(learner)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("certificates:download", args=[issued.code]) in html
    assert "https://www.linkedin.com/profile/add?" in html
    assert "certId=" + issued.code in html.replace("&amp;", "&")


def test_dashboard_of_another_learner_shows_none_of_them(client, issued):
    client.force_login(UserFactory())
    html = client.get(reverse("dashboard")).content.decode()
    assert issued.code not in html
    assert "Certificates you earn will appear here" in html


def test_revoke_requires_a_reason_and_an_issued_certificate(issued):
    from django.core.exceptions import ValidationError

    from certificates.services import CertificateError

    with pytest.raises(ValidationError):
        certificate_revoke(certificate=issued, actor=None, reason="  ")
    certificate_revoke(certificate=issued, actor=None, reason="Fraud")
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=issued, actor=None, reason="Again")
    assert Certificate.objects.get(pk=issued.pk).revoked_reason == "Fraud"


def test_dashboard_panel_queries_do_not_grow(
    client, learner, course, django_assert_max_num_queries, settings
):
    settings.ISOKO_DASHBOARD_CACHE_SECONDS = 0  # the page as built (the cached copy: tests/perf)
    from tests.certificates.conftest import complete
    from tests.courses import factories

    catalog = course.get_parent()

    def add_certificates(numbers):
        for number in numbers:
            other = factories.course(catalog, f"Course {number}")
            Certificate.objects.create(
                learner=learner,
                course=other,
                completion=complete(other, learner),
                name="Éric",
                course_title=other.title,
                status=Certificate.Status.ISSUED,
                issued_at="2026-11-30T10:00:00Z",
                issued_on="2026-11-30",
                pdf_sha256="0" * 64,
            )

    def count(certificates: int) -> int:
        # At most 17 with 2 or 4 certificates (and as many completed courses); one of them is
        # the storefront panel.
        with django_assert_max_num_queries(17) as captured:
            html = client.get(reverse("dashboard")).content.decode()
        assert html.count("Add to LinkedIn profile") == certificates
        return len(captured)

    add_certificates(range(2))
    client.force_login(learner)
    count(2)  # cold: the per-process caches fill, within the same budget
    few = count(2)
    add_certificates(range(2, 4))
    # New courses are page changes: the per-process course lists are emptied and refilled by the
    # next dashboard (marketplace_link/dashboard.py), within the budget. Then as few as before.
    count(4)
    assert count(4) == few
