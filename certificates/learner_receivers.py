"""A learner's certificates, saved or deleted however (the issuing task, a revocation, a reissue,
the admin), replace their generation (core.learner_cache): /dashboard/'s "My certificates" and
storefront panels, cached per learner, are built again. The two ``update()`` writes in this app
(services.py's ``last_error``, status.py's status-list slot) change no field the dashboard shows.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core.learner_cache import learner_changed


def _certificate(sender, instance, **kwargs) -> None:
    learner_changed(instance.learner_id)


def connect() -> None:
    from certificates.models import Certificate

    post_save.connect(_certificate, sender=Certificate, dispatch_uid="learner-gen-certificate")
    post_delete.connect(_certificate, sender=Certificate, dispatch_uid="learner-gen-cert-delete")
