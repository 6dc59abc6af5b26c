"""Public verification, downloads and the issuer's published documents.

Everything here but the owner's downloads is public. Lookups by code are rate-limited per IP, and
an unknown, malformed or not-yet-issued code gets the same 404 as any missing page: it says
nothing about whether the code ever existed.
"""

from __future__ import annotations

import json
import re

from django import forms
from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from certificates.credential import issuer_document, published_keys
from certificates.models import Certificate
from certificates.selectors import certificate_public, verification_facts
from certificates.status import status_list_credential
from certificates.verification import credential_verify
from core.http import open_stored, private_file, wants_json
from core.ratelimit import client_ip, rate_limited

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
MAX_CREDENTIAL_BYTES = 256 * 1024
JSON_LD = "application/ld+json"


# Lookups by code, per address and minute, whatever the method.
rate_limited_per_ip = rate_limited(
    "verify",
    limit=lambda: settings.ISOKO_VERIFY_RATE_LIMIT,
    key=client_ip,
    methods=None,
    message=gettext_lazy("Too many lookups from your network. Wait a minute and try again."),
)


def _not_found(request):
    if wants_json(request):
        return JsonResponse({"error": "not_found"}, status=404)
    raise Http404


def _lookup(code: str) -> Certificate | None:
    if not CODE_RE.match(code):
        return None
    return certificate_public(code)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Certificate code"),
        max_length=300,
        help_text=gettext_lazy("The code printed under the QR code on the certificate."),
    )

    def clean_code(self):
        # People copy codes with spaces or the whole link: keep the last path segment.
        code = self.cleaned_data["code"].strip().rstrip("/").rsplit("/", 1)[-1].replace(" ", "")
        if not CODE_RE.match(code):
            raise forms.ValidationError(_("That is not a certificate code. Check and try again."))
        return code


@require_GET
def lookup(request):
    form = LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/lookup.html", {"form": form})


@require_GET
@rate_limited_per_ip
def verify(request, code: str):
    certificate = _lookup(code)
    if certificate is None:
        return _not_found(request)
    facts = verification_facts(certificate)
    if wants_json(request):
        return JsonResponse(facts, json_dumps_params={"ensure_ascii": False})
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "facts": facts, "form": LookupForm()},
    )


def _may_download(request, certificate: Certificate) -> bool:
    """Issued certificates are public by code (the verify page links the PDF); the holder and
    staff may also fetch a revoked or superseded one."""
    if certificate.status == Certificate.Status.ISSUED:
        return True
    user = request.user
    return user.is_authenticated and (
        user.pk == certificate.learner_id or user.has_perm("certificates.view_certificate")
    )


@require_GET
@rate_limited_per_ip
def download(request, code: str):
    certificate = _lookup(code)
    if certificate is None or not certificate.pdf or not _may_download(request, certificate):
        raise Http404
    return private_file(
        open_stored(certificate.pdf),
        filename=f"isoko-certificate-{certificate.code[:8]}.pdf",
        content_type="application/pdf",
    )


@require_GET
@rate_limited_per_ip
def credential(request, code: str):
    certificate = _lookup(code)
    if certificate is None or not certificate.credential or not _may_download(request, certificate):
        raise Http404
    response = JsonResponse(certificate.credential, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/vc+ld+json"
    response["Content-Disposition"] = (
        f'attachment; filename="isoko-credential-{certificate.code[:8]}.json"'
    )
    return response


@require_GET
@cache_control(max_age=300, public=True)
def issuer(request):
    response = JsonResponse(issuer_document())
    response["Content-Type"] = JSON_LD
    return response


@require_GET
@cache_control(max_age=300, public=True)
def issuer_key(request, key_id: str):
    keys = published_keys()
    if key_id not in keys:
        raise Http404
    document = next(
        m for m in issuer_document()["verificationMethod"] if m["id"].endswith(f"#{key_id}")
    )
    response = JsonResponse({"@context": ["https://www.w3.org/ns/cid/v1"], **document})
    response["Content-Type"] = JSON_LD
    return response


@require_GET
@cache_control(max_age=60, public=True)
def status_list(request, number: int):
    if number > 10_000:
        raise Http404
    response = JsonResponse(status_list_credential(number))
    response["Content-Type"] = "application/vc+ld+json"
    return response


class CredentialForm(forms.Form):
    credential = forms.CharField(
        label=gettext_lazy("Credential (JSON)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    file = forms.FileField(label=gettext_lazy("…or a credential file"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.size > MAX_CREDENTIAL_BYTES:
            raise forms.ValidationError(_("That file is too large to be a credential."))
        text = upload.read().decode("utf-8", "replace") if upload else data.get("credential", "")
        if not text.strip():
            raise forms.ValidationError(_("Paste a credential or choose a file."))
        try:
            data["document"] = json.loads(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("That is not valid JSON: %(error)s") % {"error": error}
            ) from error
        return data


# No CSRF token: this endpoint changes nothing and is meant for other programs to POST JSON to.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@rate_limited_per_ip
def verify_credential(request):
    if request.method == "POST" and request.content_type in (
        "application/json",
        JSON_LD,
        "application/vc+ld+json",
    ):
        if len(request.body) > MAX_CREDENTIAL_BYTES:
            return JsonResponse({"error": "too_large"}, status=413)
        try:
            document = json.loads(request.body)
        except ValueError:
            return JsonResponse(
                {"error": "invalid_json", "status": "invalid", "valid": False}, status=400
            )
        return JsonResponse(credential_verify(document).as_dict())
    form = CredentialForm(request.POST or None, request.FILES or None)
    result = (
        credential_verify(form.cleaned_data["document"])
        if request.method == "POST" and form.is_valid()
        else None
    )
    if result is not None and wants_json(request):
        return JsonResponse(result.as_dict())
    return render(request, "certificates/verify_credential.html", {"form": form, "result": result})
