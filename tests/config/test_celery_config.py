"""The Celery policy from config/celery.py, and enqueue-after-commit."""

import pytest
from django.db import transaction

from accounts.models import User
from accounts.services import account_delete
from config.celery import app
from core.learner_cache import is_generation_bump  # the dashboard's generation, bumped on commit
from tests.accounts.factories import UserFactory


def test_messages_are_json_only_and_tasks_are_acked_late():
    conf = app.conf
    assert conf.accept_content == ["json"]
    assert conf.task_serializer == "json"
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_soft_time_limit < conf.task_time_limit
    # A message still being worked on must never be handed to a second worker.
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.worker_prefetch_multiplier == 1


def test_every_project_task_uses_the_project_base_class():
    from config.celery import IsokoTask

    app.loader.import_default_modules()
    ours = {name: t for name, t in app.tasks.items() if not name.startswith("celery.")}
    assert ours, "no project tasks registered"
    for name, task in ours.items():
        assert isinstance(task, IsokoTask), name
        assert task.acks_late and task.reject_on_worker_lost, name


@pytest.mark.django_db
def test_rolled_back_work_enqueues_nothing(django_capture_on_commit_callbacks):
    from accounts.tasks import account_erase_task

    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            User.objects.filter(pk=user.pk).update(is_active=False)
            account_erase_task.delay_on_commit(user.pk)
            raise RuntimeError("the request fails after the write and the enqueue")
    assert callbacks == []
    user.refresh_from_db()
    assert user.is_active and user.erased_at is None


@pytest.mark.django_db
def test_erase_is_enqueued_only_on_commit(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        account_delete(user=user)
    (task,) = [c for c in callbacks if not is_generation_bump(c)]
    user.refresh_from_db()
    assert user.erased_at is None  # nothing ran before the commit hook fired
    task()
    user.refresh_from_db()
    assert user.erased_at is not None


@pytest.mark.django_db
def test_account_erase_is_idempotent():
    from accounts.services import account_erase

    user = UserFactory(is_active=False)
    assert account_erase(user_id=user.pk) is True
    first = User.objects.get(pk=user.pk).email
    assert account_erase(user_id=user.pk) is False  # a redelivered message changes nothing
    assert User.objects.get(pk=user.pk).email == first
    active = UserFactory()
    assert account_erase(user_id=active.pk) is False  # never erases a live account
