"""Tokens of partner systems, and their audit (docs/api.md, "Tokens").

A token is ``isk_<prefix>_<secret>``: the prefix (public, unique) finds the row, the SHA-256 of the
whole token is kept, never the token itself. The secret has 256 bits of entropy, so one round of
SHA-256 is enough (a slow password hash guards low-entropy secrets; this is not one) and checking
a token stays one indexed lookup.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a token may read, besides the public endpoints (which need none)."""

    ENROLMENTS = "enrolments:read", _("Enrolments of learners")
    COMPLETIONS = "completions:read", _("Course completions of learners")
    CERTIFICATES = "certificates:read", _("Certificates of learners")


class ApiToken(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, and for what."))
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                name="partner_api_token_expires_after_creation",
                violation_error_message=_("A token must expire after it is created."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def state(self, now=None) -> str:
        """ "active", "expired" or "revoked" (revoked wins: it was a person's decision)."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]


class ApiTokenEvent(models.Model):
    """Creation and revocation, written in the same transaction as the change."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        REVOKED = "revoked", _("Revoked")

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class ApiTokenUse(models.Model):
    """The use of a token, one row per token per minute: how many calls, the last path and
    address. One row per call would be a write as big as the answer for a client syncing page
    after page (a sync of 10,000 rows is 50 calls); a minute's row is one UPDATE per call and
    still says who read what, when, from where."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    minute = models.DateTimeField()
    calls = models.PositiveIntegerField(default=1)
    last_path = models.CharField(max_length=300, blank=True)
    last_ip = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "minute"], name="partner_api_one_use_row")
        ]
