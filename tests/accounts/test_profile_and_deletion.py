import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import Profile, User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["profile_edit", "account_delete", "dashboard"])
def test_anonymous_users_are_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


def test_profile_edit_changes_only_my_profile(client):
    me, other = UserFactory(), UserFactory()
    client.force_login(me)
    form = {
        "full_name": "Eric Niyonzima",
        "preferred_name": "Eric",
        "audience": "entrepreneur",
        "organisation": "",
        "country": "RW",
        "phone": "",
        "preferred_language": "rw",
        # A smuggled field is ignored, not applied to someone else.
        "user": other.pk,
    }
    response = client.post(reverse("profile_edit"), form)
    assert response.status_code == 302
    assert Profile.objects.get(user=me).full_name == "Eric Niyonzima"
    assert Profile.objects.get(user=other).full_name == "Aline Uwase"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"country": "Rwanda"}, "country"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_profile_bad_input_keeps_what_was_typed(client, change, field):
    me = UserFactory()
    client.force_login(me)
    form = {
        "full_name": "Eric Niyonzima",
        "preferred_name": "Eric",
        "audience": "entrepreneur",
        "organisation": "Kivu Tea",
        "country": "RW",
        "phone": "",
        "preferred_language": "en",
        **change,
    }
    response = client.post(reverse("profile_edit"), form)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    # What the learner typed is still in the form, and nothing was saved.
    assert b'value="Kivu Tea"' in response.content
    assert Profile.objects.get(user=me).organisation == ""


def test_account_deletion_needs_confirmation_and_password(client):
    me = UserFactory()
    client.force_login(me)
    response = client.post(reverse("account_delete"), {"confirm": "yes", "password": PASSWORD})
    assert response.status_code == 400
    response = client.post(reverse("account_delete"), {"confirm": "DELETE", "password": "nope"})
    assert response.status_code == 400
    assert User.objects.get(pk=me.pk).is_active


def test_account_deletion_erases_personal_data(client, django_capture_on_commit_callbacks):
    me = UserFactory(email="leaving@example.com")
    client.force_login(me)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("account_delete"), {"confirm": "delete", "password": PASSWORD}
        )
    assert response.status_code == 302
    # The erase task, enqueued once, after commit (memos dropped on commit are not tasks).
    tasks = [callback for callback in callbacks if "Task.delay" in repr(callback)]
    assert len(tasks) == 1
    user = User.objects.get(pk=me.pk)
    assert not user.is_active
    assert user.erased_at is not None
    assert user.email.endswith("@invalid.isoko")
    assert not user.has_usable_password()
    profile = Profile.objects.get(user=user)
    assert (profile.full_name, profile.phone, profile.organisation) == ("", "", "")
    assert not EmailAddress.objects.filter(user=user).exists()
    # The old session is gone and the old credentials no longer work.
    assert client.get(reverse("dashboard")).status_code == 302
    response = client.post(
        reverse("account_login"), {"login": "leaving@example.com", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
