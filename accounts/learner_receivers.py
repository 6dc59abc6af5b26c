"""/dashboard/ shows the learner's name (profile), e-mail (user row) and whether two-factor is on
(allauth's authenticators). Their saves and deletes replace the learner's generation
(core.learner_cache), so the dashboard cached for them is built again; account erasure's
``update()`` of the profile calls ``learner_changed`` itself (accounts/services.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from core.learner_cache import learner_changed


def _user(sender, instance, **kwargs) -> None:
    learner_changed(instance.pk)


def _owned(sender, instance, **kwargs) -> None:
    learner_changed(instance.user_id)


def connect() -> None:
    from allauth.mfa.models import Authenticator

    from accounts.models import Profile

    post_save.connect(_user, sender=get_user_model(), dispatch_uid="learner-gen-user")
    for model in (Profile, Authenticator):
        name = model.__name__
        post_save.connect(_owned, sender=model, dispatch_uid=f"learner-gen-{name}-save")
        post_delete.connect(_owned, sender=model, dispatch_uid=f"learner-gen-{name}-delete")
