"""E-mails of the marketplace link, each in its reader's language."""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from lms.api import language_for


def email_to(user, template: str, context: Callable[[], dict]) -> EmailMessage:
    """The e-mail ``<template>_subject.txt`` / ``_body.txt`` to ``user``'s verified address, in
    their language. ``context`` is called inside the language override, so reverse() gives the
    language-prefixed address (/fr/…) and gettext speaks the reader's language."""
    language = language_for(user=user)
    with translation.override(language):
        values = context()
        subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
        body = render_to_string(f"{template}_body.txt", values)
    return EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
