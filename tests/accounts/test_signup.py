import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import Profile, User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.helpers import SIGNUP, confirmation_link

pytestmark = pytest.mark.django_db


def test_signup_verify_login_and_edit_profile(client, mailoutbox, site):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="uwase@example.com")
    assert user.profile.full_name == "Aline Uwase"
    assert user.profile.phone == "+250788123456"
    assert user.profile.preferred_language == "fr"
    assert not EmailAddress.objects.get(user=user).verified

    # Mandatory verification: logging in before confirming sends to the "verify" page.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert "confirm-email" in response.url or "verification" in response.url
    assert "_auth_user_id" not in client.session

    # The mail is in the learner's preferred language (French).
    message = mailoutbox[-1]
    assert message.to == ["uwase@example.com"]
    link = confirmation_link(message)
    response = client.get(link)
    assert response.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    # Logging in switches the UI to the learner's preferred language.
    assert response.url == "/fr/dashboard/"
    assert client.cookies["django_language"].value == "fr"

    response = client.get(response.url)
    assert response.status_code == 200
    assert b"Aline" in response.content
    assert 'lang="fr"' in response.content.decode()

    form = {
        "full_name": "Aline Uwase Mukamana",
        "preferred_name": "Aline",
        "audience": "academic",
        "organisation": "University of Rwanda",
        "country": "rw",
        "phone": "+250722000111",
        "preferred_language": "en",
    }
    response = client.post("/fr/accounts/profile/", form)
    assert response.status_code == 302
    assert response.url == "/accounts/profile/"  # back to English, as just chosen
    profile = Profile.objects.get(user=user)
    assert profile.full_name == "Aline Uwase Mukamana"
    assert profile.country == "RW"
    assert profile.audience == "academic"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"phone": "0788 123"}, "phone", "international format"),
        ({"password2": "something-else-99"}, "password2", "same password"),
        ({"email": "not-an-email"}, "email", "valid"),
        ({"full_name": ""}, "full_name", "required"),
    ],
)
def test_signup_with_bad_input_shows_errors_and_creates_nothing(client, change, field, message):
    response = client.post(reverse("account_signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field]).lower()
    assert not User.objects.exists()
    assert not Profile.objects.exists()


def test_signup_with_taken_email_is_refused(client, mailoutbox):
    UserFactory(email="uwase@example.com")
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": "UWASE@example.com"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1
    assert mailoutbox == []


def test_repeated_wrong_passwords_hit_the_rate_limit(client):
    user = UserFactory()
    for _attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # Even the right password is refused while the limit holds.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_login_page_is_labelled_and_protected_by_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("account_login"), {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    page = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login"' in page
    assert 'id="main"' in page
