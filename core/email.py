"""E-mail to one person, in their language."""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from core.language import language_for


def email_to(
    user,
    template: str,
    context: dict | Callable[[], dict],
    *,
    language: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The e-mail ``<template>_subject.txt`` / ``_body.txt`` (and ``_body.html`` if there is
    one) to ``user``'s address, in ``language`` (default: the user's own, ``language_for``).

    A function ``context`` is called inside the language override, so reverse() gives the
    language-prefixed address (/fr/…) and gettext speaks the reader's language; the body also
    sees the rendered ``subject``. The message says its language and that it was sent
    automatically (RFC 3834: keeps out-of-office replies away from a no-reply address);
    ``headers`` adds others. Sending is the caller's (a connection, attachments)."""
    language = language or language_for(user=user)
    with translation.override(language):
        values = dict(context() if callable(context) else context)
        subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
        values["subject"] = subject
        body = render_to_string(f"{template}_body.txt", values)
        try:
            html = render_to_string(f"{template}_body.html", values)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject,
        body,
        to=[user.email],
        headers={
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
            **(headers or {}),
        },
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message
