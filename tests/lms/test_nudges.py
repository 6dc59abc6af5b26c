"""Inactivity nudges for learners, the trainers' weekly digest, and the one-click unsubscribe."""

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from lms import nudges as nudges_module
from lms.models import Enrolment, Nudge, NudgePreference, TrainerDigest
from lms.nudges import (
    iso_week,
    nudge_preference_set,
    nudge_unsubscribe_token,
    nudges_send_inactivity,
    trainer_digests_send,
)
from lms.tasks import send_inactivity_nudges_task, send_trainer_digests_task
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db

BASE = settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def enrol(learner, course, *, days_inactive=None, enrolled_days_ago=30, status="active"):
    """An enrolment last active ``days_inactive`` days ago (None: never active since enrolling)."""
    now = timezone.now()
    enrolment = Enrolment.objects.create(learner=learner, course=course, status=status)
    last = None if days_inactive is None else now - timedelta(days=days_inactive)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=now - timedelta(days=enrolled_days_ago), last_activity_at=last
    )
    return enrolment


def learner_named(email, full_name="Aline Uwase", language="en"):
    user = UserFactory(email=email, profile__full_name=full_name)
    user.profile.preferred_language = language
    user.profile.save()
    return user


def run_nudges(capture, **kwargs):
    with capture(execute=True):
        return nudges_send_inactivity(**kwargs)


def run_digests(capture, **kwargs):
    with capture(execute=True):
        return trainer_digests_send(**kwargs)


def path_of(url: str) -> str:
    assert url.startswith(BASE + "/"), url
    return url[len(BASE) :]


# ---------------------------------------------------------------------------------------------
# Who is nudged
# ---------------------------------------------------------------------------------------------
def test_who_gets_nudged(course, mailoutbox, django_capture_on_commit_callbacks):
    enrol(learner_named("idle15@example.com"), course, days_inactive=15)
    enrol(learner_named("never15@example.com"), course, days_inactive=None, enrolled_days_ago=15)
    enrol(learner_named("idle13@example.com"), course, days_inactive=13)
    enrol(learner_named("never13@example.com"), course, days_inactive=None, enrolled_days_ago=13)
    enrol(learner_named("done@example.com"), course, days_inactive=40, status="completed")
    enrol(learner_named("left@example.com"), course, days_inactive=40, status="withdrawn")
    opted_out = learner_named("optout@example.com")
    enrol(opted_out, course, days_inactive=40)
    nudge_preference_set(user=opted_out, enabled=False)
    gone = learner_named("gone@example.com")
    gone.is_active = False  # deleted accounts are deactivated
    gone.save()
    enrol(gone, course, days_inactive=40)

    assert run_nudges(django_capture_on_commit_callbacks) == 2

    assert sorted(m.to[0] for m in mailoutbox) == ["idle15@example.com", "never15@example.com"]
    assert Nudge.objects.count() == 2
    assert set(Nudge.objects.values_list("kind", flat=True)) == {"inactivity"}


def test_unpublished_course_is_not_nudged(course, mailoutbox, django_capture_on_commit_callbacks):
    enrol(learner_named("idle@example.com"), course, days_inactive=20)
    course.unpublish()
    assert run_nudges(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_nudged_13_days_ago_is_not_nudged_again(
    course, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    recent = enrol(learner_named("recent@example.com"), course, days_inactive=30)
    Nudge.objects.create(enrolment=recent, kind="inactivity", sent_at=now - timedelta(days=13))
    older = enrol(learner_named("older@example.com"), course, days_inactive=30)
    Nudge.objects.create(enrolment=older, kind="inactivity", sent_at=now - timedelta(days=14))

    assert run_nudges(django_capture_on_commit_callbacks, now=now) == 1
    assert [m.to for m in mailoutbox] == [["older@example.com"]]


def test_idempotent_same_day_then_again_after_two_weeks(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    enrol(learner, course, days_inactive=15)
    now = timezone.now()

    assert run_nudges(django_capture_on_commit_callbacks, now=now) == 1
    assert run_nudges(django_capture_on_commit_callbacks, now=now) == 0
    assert run_nudges(django_capture_on_commit_callbacks, now=now + timedelta(hours=3)) == 0
    assert len(mailoutbox) == 1 and Nudge.objects.count() == 1

    # Still inactive 13 days later: nothing; 15 days later: the second reminder.
    assert run_nudges(django_capture_on_commit_callbacks, now=now + timedelta(days=13)) == 0
    assert run_nudges(django_capture_on_commit_callbacks, now=now + timedelta(days=15)) == 1
    assert len(mailoutbox) == 2 and Nudge.objects.count() == 2


def test_activity_after_a_nudge_stops_the_next_one(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = enrol(learner, course, days_inactive=15)
    now = timezone.now()
    run_nudges(django_capture_on_commit_callbacks, now=now)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now + timedelta(days=5))
    assert run_nudges(django_capture_on_commit_callbacks, now=now + timedelta(days=15)) == 0
    assert len(mailoutbox) == 1


def test_nothing_is_sent_before_commit_nor_after_an_opt_out_in_between(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    enrol(learner, course, days_inactive=15)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert nudges_send_inactivity() == 1
    assert len(callbacks) == 1 and mailoutbox == []  # the row is written, the mail waits
    nudge_preference_set(user=learner, enabled=False)
    callbacks[0]()
    assert mailoutbox == []


def test_one_email_per_learner_lists_every_stalled_course(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    other = factories.course(course.get_parent().specific, "Export paperwork")
    enrol(learner, course, days_inactive=20)
    enrol(learner, other, days_inactive=16)

    assert run_nudges(django_capture_on_commit_callbacks) == 1

    assert Nudge.objects.count() == 2
    [mail] = mailoutbox
    assert mail.subject == "Your courses are waiting for you"
    assert "Selling coffee online" in mail.body and "Export paperwork" in mail.body
    assert f"{BASE}/learn/courses/{course.pk}/continue/" in mail.body
    assert f"{BASE}/learn/courses/{other.pk}/continue/" in mail.body


# ---------------------------------------------------------------------------------------------
# The e-mail
# ---------------------------------------------------------------------------------------------
def test_email_content_and_unsubscribe_headers(
    client, course, mailoutbox, django_capture_on_commit_callbacks
):
    learner = learner_named("eric@example.com", full_name="Eric Habimana")
    enrol(learner, course, days_inactive=15)
    run_nudges(django_capture_on_commit_callbacks)

    [mail] = mailoutbox
    assert mail.to == ["eric@example.com"]
    assert mail.subject == "Your course is waiting for you: Selling coffee online"
    assert mail.body.startswith("Hello Eric Habimana,")
    assert "“Selling coffee online”" in mail.body and "&" not in mail.body
    assert f"{BASE}/learn/courses/{course.pk}/continue/" in mail.body
    unsubscribe = mail.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{BASE}/learn/nudges/unsubscribe/") and unsubscribe[-1] == ">"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.extra_headers["Content-Language"] == "en"
    assert unsubscribe[1:-1] in mail.body
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html" and '<html lang="en">' in html
    assert unsubscribe[1:-1] in html
    # The message as sent carries both headers.
    raw = mail.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    # The link in the header works.
    assert client.get(path_of(unsubscribe[1:-1])).status_code == 200


def test_email_is_in_the_learner_language(course, mailoutbox, django_capture_on_commit_callbacks):
    learner = learner_named("amelie@example.com", language="fr")
    enrol(learner, course, days_inactive=15)
    run_nudges(django_capture_on_commit_callbacks)

    [mail] = mailoutbox
    assert mail.extra_headers["Content-Language"] == "fr"
    # URLs are reversed while French is active, so they carry the /fr/ prefix.
    assert f"{BASE}/fr/learn/courses/{course.pk}/continue/" in mail.body
    assert mail.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/fr/learn/nudges/")
    assert '<html lang="fr">' in mail.alternatives[0][0]
    # The task leaves the worker's language as it found it.
    assert translation.get_language() == "en"


def test_unknown_preferred_language_falls_back_to_the_default(
    course, mailoutbox, django_capture_on_commit_callbacks
):
    learner = learner_named("x@example.com")
    type(learner.profile).objects.filter(pk=learner.profile.pk).update(preferred_language="xx")
    enrol(learner, course, days_inactive=15)
    run_nudges(django_capture_on_commit_callbacks)
    assert mailoutbox[0].extra_headers["Content-Language"] == "en"


# ---------------------------------------------------------------------------------------------
# Unsubscribe
# ---------------------------------------------------------------------------------------------
def unsubscribe_url(user, language_prefix=""):
    return language_prefix + reverse("lms_unsubscribe", args=[nudge_unsubscribe_token(user=user)])


def test_unsubscribe_get_shows_a_confirmation_and_changes_nothing(client, learner):
    response = client.get(unsubscribe_url(learner))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stop reminder e-mails?" in html and 'method="post"' in html
    assert "e…@example.com" in html and "eric@example.com" not in html
    assert "no-cache" in response["Cache-Control"]
    assert not NudgePreference.objects.exists()


def test_unsubscribe_post_opts_out_anonymous_without_csrf_token(
    course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)  # the link works from any browser, logged in or not
    response = client.post(unsubscribe_url(learner))
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert NudgePreference.objects.get(user=learner).nudges_enabled is False
    # Twice is fine.
    assert client.post(unsubscribe_url(learner)).status_code == 200
    assert NudgePreference.objects.count() == 1

    enrol(learner, course, days_inactive=20)
    assert run_nudges(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_rfc8058_one_click_post(learner):
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(learner), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NudgePreference.objects.get(user=learner).nudges_enabled is False


def test_unsubscribe_by_another_logged_in_user_affects_only_the_token_owner(
    learner, learner_client
):
    other = learner_named("other@example.com")
    response = learner_client.post(unsubscribe_url(other))
    assert response.status_code == 200
    assert NudgePreference.objects.get(user=other).nudges_enabled is False
    assert not NudgePreference.objects.filter(user=learner).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_or_foreign_tokens_are_refused(client, learner, method):
    token = nudge_unsubscribe_token(user=learner)
    other_salt = signing.dumps(str(learner.public_id), salt="some.other.purpose")
    not_a_uuid = signing.dumps("42", salt=nudges_module.UNSUBSCRIBE_SALT)
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        other_salt,
        not_a_uuid,
        "nonsense",
    ):
        response = getattr(client, method)(reverse("lms_unsubscribe", args=[bad]))
        assert response.status_code == 400, bad
        assert "This unsubscribe link does not work" in response.content.decode()
    assert not NudgePreference.objects.exists()


def test_token_of_a_deleted_user_is_refused(client, learner):
    url = unsubscribe_url(learner)
    learner.delete()
    assert client.post(url).status_code == 400


def test_unsubscribe_refuses_other_methods(client, learner):
    assert client.put(unsubscribe_url(learner)).status_code == 405
    assert not NudgePreference.objects.exists()


def test_unsubscribe_page_in_french(client, learner):
    response = client.get(unsubscribe_url(learner, language_prefix="/fr"))
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Trainers
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def trainer(course):
    trainer = learner_named("trainer@example.com", full_name="Grace Mukamana")
    course.trainers.set([trainer])
    factories.publish(course)  # assignments take effect on publish
    return trainer


def test_trainer_digest_lists_inactive_learners_per_course(
    course, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    enrol(learner_named("a@example.com", full_name="Alice Idle"), course, days_inactive=15)
    enrol(learner_named("b@example.com", full_name="Bob Never"), course, enrolled_days_ago=20)
    enrol(learner_named("c@example.com", full_name="Carla Busy"), course, days_inactive=2)
    enrol(
        learner_named("d@example.com", full_name="Dan Done"),
        course,
        days_inactive=30,
        status="completed",
    )
    optout = learner_named("e@example.com", full_name="Eve Optout")
    enrol(optout, course, days_inactive=16)
    nudge_preference_set(user=optout, enabled=False)  # still inactive: the trainer sees her
    # A course this trainer does not train.
    elsewhere = factories.course(course.get_parent().specific, "Tourism basics")
    enrol(learner_named("f@example.com", full_name="Frank Elsewhere"), elsewhere, days_inactive=40)

    assert run_digests(django_capture_on_commit_callbacks) == 1

    [mail] = mailoutbox
    assert mail.to == ["trainer@example.com"]
    assert mail.subject == "Weekly summary: 3 learners have stopped in your courses"
    assert mail.body.startswith("Hello Grace Mukamana,")
    assert "Selling coffee online — 3 inactive learners" in mail.body
    assert "- Bob Never (inactive for 20 days)" in mail.body
    assert "- Alice Idle (inactive for 15 days)" in mail.body
    assert "Eve Optout" in mail.body
    # Longest inactive first.
    assert (
        mail.body.index("Bob Never") < mail.body.index("Eve Optout") < mail.body.index("Alice Idle")
    )
    for absent in ("Carla Busy", "Dan Done", "Frank Elsewhere", "Tourism basics"):
        assert absent not in mail.body
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/learn/nudges/unsubscribe/")
    assert TrainerDigest.objects.get().week == iso_week(now=timezone.now())


def test_trainer_digest_once_per_iso_week(
    course, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    enrol(learner_named("a@example.com"), course, days_inactive=30)
    # A Monday 07:00 in Kigali, as beat runs it.
    now = timezone.localtime(timezone.now()).replace(hour=7, minute=0, second=0, microsecond=0)
    now -= timedelta(days=now.weekday())

    assert run_digests(django_capture_on_commit_callbacks, now=now) == 1
    assert run_digests(django_capture_on_commit_callbacks, now=now) == 0
    assert run_digests(django_capture_on_commit_callbacks, now=now + timedelta(days=6)) == 0
    assert len(mailoutbox) == 1
    assert run_digests(django_capture_on_commit_callbacks, now=now + timedelta(days=7)) == 1
    assert len(mailoutbox) == 2
    weeks = sorted(TrainerDigest.objects.values_list("week", flat=True))
    assert weeks == sorted({iso_week(now=now), iso_week(now=now + timedelta(days=7))})
    assert len(weeks) == 2


def test_no_digest_without_inactive_learners_or_after_opt_out(
    course, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    enrol(learner_named("busy@example.com"), course, days_inactive=1)
    assert run_digests(django_capture_on_commit_callbacks) == 0
    assert not TrainerDigest.objects.exists()

    enrol(learner_named("idle@example.com"), course, days_inactive=30)
    nudge_preference_set(user=trainer, enabled=False)
    assert run_digests(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == [] and not TrainerDigest.objects.exists()


def test_digest_counts_learners_of_the_translated_course(
    course, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    factories.publish(course.get_parent().specific.copy_for_translation(french))
    translated = course.copy_for_translation(french)
    translated.title, translated.slug = "Vendre du café en ligne", "vendre-cafe"
    factories.publish(translated)
    enrol(
        learner_named("fr@example.com", full_name="Amélie Lente", language="fr"),
        translated,
        days_inactive=18,
    )

    assert run_digests(django_capture_on_commit_callbacks) == 1
    body = mailoutbox[0].body
    assert "Vendre du café en ligne — 1 inactive learner\n" in body
    assert "Amélie Lente (inactive for 18 days)" in body


def test_trainer_digest_in_the_trainer_language(
    course, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    trainer.profile.preferred_language = "fr"
    trainer.profile.save()
    enrol(learner_named("a@example.com"), course, days_inactive=15)
    run_digests(django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert mail.extra_headers["Content-Language"] == "fr"
    assert mail.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/fr/learn/nudges/")


# ---------------------------------------------------------------------------------------------
# Tasks and schedule
# ---------------------------------------------------------------------------------------------
def test_beat_schedule():
    schedule = settings.CELERY_BEAT_SCHEDULE
    daily = schedule["send-inactivity-nudges"]
    weekly = schedule["send-trainer-digests"]
    assert daily["task"] == "lms.send_inactivity_nudges"
    assert daily["schedule"] == crontab(hour=9, minute=0)
    assert weekly["task"] == "lms.send_trainer_digests"
    assert weekly["schedule"] == crontab(hour=7, minute=0, day_of_week="mon")
    assert settings.CELERY_TIMEZONE == "Africa/Kigali"


def test_nudge_task_works_through_batches(
    course, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(nudges_module, "BATCH_SIZE", 2)
    for n in range(5):
        enrol(learner_named(f"idle{n}@example.com"), course, days_inactive=15 + n)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_inactivity_nudges_task.apply().get() == 2  # the first batch
    assert len(mailoutbox) == 5  # the task queued itself until all were done
    with django_capture_on_commit_callbacks(execute=True):
        assert send_inactivity_nudges_task.apply().get() == 0
    assert len(mailoutbox) == 5


def test_digest_task(course, trainer, mailoutbox, django_capture_on_commit_callbacks):
    enrol(learner_named("a@example.com"), course, days_inactive=15)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_trainer_digests_task.apply().get() == 1
    assert len(mailoutbox) == 1
