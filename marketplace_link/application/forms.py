"""Forms of the storefront application. Every field is optional in a draft: completeness is
checked only on submission (applications.application_missing). Formats are checked always, so a
draft never stores a malformed TIN or HS code.

Uploads are checked by content (uploads.py) in ``clean_<field>``; a file that passes is renamed
after its sniffed type, so the stored name never carries what the uploader called it.
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import normalise_phone, validate_e164
from core.ids import IdMultipleChoiceField
from marketplace_link.application import uploads
from marketplace_link.application.services import (
    DETAIL_FIELDS,
    MAX_IMAGES_PER_PRODUCT,
    PRODUCT_FIELDS,
)
from marketplace_link.choices import CERTIFICATIONS
from marketplace_link.models import ExportDocument, Product, StorefrontApplication

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


def _checked(upload, check, *args):
    result = check(upload, *args)
    upload.original_name = upload.name
    upload.name = f"upload.{result.extension}"
    upload.checked = result
    return upload


def _checked_image(upload, rule: uploads.ImageRule):
    """A public image: checked, then re-encoded without metadata (uploads.publishable)."""
    upload = _checked(upload, uploads.check_image, rule)
    published, checked = uploads.publishable(upload, upload.checked, rule)
    published.checked, published.original_name = checked, upload.original_name
    return published


def _digits(value: str) -> str:
    # People paste "102 345 678" or "102-345-678"; the registries print the bare 9 digits.
    return "".join(value.split()).replace("-", "")


class DetailsForm(forms.ModelForm):
    # Declared here, not generated from the model, to accept what people paste ("102 345 678",
    # "+250 788 123 456") before it is normalised and checked by the model's own validators.
    registration_number = forms.CharField(
        label=gettext_lazy("Company registration number"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("9 digits, from your RDB certificate."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    tin = forms.CharField(
        label=gettext_lazy("TIN"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("9 digits, from the Rwanda Revenue Authority."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    contact_phone = forms.CharField(
        label=gettext_lazy("Contact phone"),
        max_length=24,
        required=False,
        help_text=gettext_lazy("International format, for example +250788123456."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    class Meta:
        model = StorefrontApplication
        fields = DETAIL_FIELDS
        help_texts = {
            "legal_name": gettext_lazy("As registered with the Rwanda Development Board."),
            "trading_name": gettext_lazy("The name buyers will see on the marketplace."),
            "description_en": gettext_lazy(
                "What you sell and what makes it special. Required to submit."
            ),
            "description_fr": gettext_lazy("Optional."),
            "description_zh": gettext_lazy("Optional. Many of the marketplace's buyers read it."),
        }
        widgets = {
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "legal_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_fr": forms.Textarea(attrs={"rows": 4, "lang": "fr"}),
            "description_zh": forms.Textarea(attrs={"rows": 4, "lang": "zh-Hans"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean_registration_number(self):
        return _digits(self.cleaned_data.get("registration_number", ""))

    def clean_tin(self):
        return _digits(self.cleaned_data.get("tin", ""))

    def clean_contact_phone(self):
        phone = normalise_phone(self.cleaned_data.get("contact_phone", ""))
        validate_e164(phone)
        return phone

    def validate_unique(self):
        # The only constraint (one open application per learner) is the service's business.
        pass


class FormTokenField(forms.UUIDField):
    """A token per rendered form, sent back with it: the service spends it with the write
    (applications._first_use), so two POSTs of one form (a double tap) take effect once.
    A failed POST renders the same token again, as nothing was spent."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


class ImagesForm(forms.Form):
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        help_text=gettext_lazy("PNG, JPEG or WebP, at most 2 MB, at least 128 × 128 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    banner = forms.FileField(
        label=gettext_lazy("Banner"),
        required=False,
        help_text=gettext_lazy(
            "PNG, JPEG or WebP, at most 5 MB, at least 960 × 240 pixels (wide, like 4:1)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )

    def __init__(self, *args, kept: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Files kept from a failed POST (staging.py), used when no new file replaces them.
        self.kept = kept or {}

    def clean_logo(self):
        return self._image("logo", uploads.LOGO)

    def clean_banner(self):
        return self._image("banner", uploads.BANNER)

    def _image(self, name: str, rule: uploads.ImageRule):
        upload = self.cleaned_data.get(name)
        if upload:
            return _checked_image(upload, rule)
        return self.kept.get(name, [None])[0]

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("logo") and not data.get("banner"):
            raise forms.ValidationError(_("Choose a logo or a banner to upload."))
        return data

    def accepted_files(self) -> dict[str, list]:
        """New files of this POST that passed their checks, by staging slot."""
        return _accepted(self, {"logo": "logo", "banner": "banner"})


def _accepted(form, slots: dict[str, str]) -> dict[str, list]:
    accepted = {}
    for field, slot in slots.items():
        upload = form.cleaned_data.get(field)
        fresh = field in form.files and not hasattr(upload, "kept")
        if fresh and upload and field not in form.errors:
            accepted[slot] = [upload]
    return accepted


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Document type"),
        # No default: a scan filed under the wrong type would mislead the reviewers.
        choices=[("", gettext_lazy("Choose the type…")), *ExportDocument.Kind.choices],
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A PDF, or a photo or scan (PNG, JPEG, WebP), at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": f"application/pdf,{IMAGE_ACCEPT}"}),
    )
    form_token = FormTokenField()

    def __init__(self, *args, kept: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = (kept or {}).get("document", [])
        if self.kept:
            self.fields["file"].required = False

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            return _checked(upload, uploads.check_document)
        return self.kept[0] if self.kept else None

    def accepted_files(self) -> dict[str, list]:
        return _accepted(self, {"file": "document"})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one input. Only the generic file checks here: ProductForm checks each
    photo's content, so it knows which of them passed when another did not."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": IMAGE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [single(upload, initial) for upload in files]


class ProductForm(forms.ModelForm):
    certifications = forms.MultipleChoiceField(
        label=gettext_lazy("Certifications"),
        choices=CERTIFICATIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_images = MultipleImageField(
        label=gettext_lazy("Photos"),
        required=False,
        # The help text names the limit; it is set per request in __init__ (translated).
    )
    remove_images = IdMultipleChoiceField(
        label=gettext_lazy("Remove these photos"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    form_token = FormTokenField()

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS
        help_texts = {
            "hs_code": gettext_lazy(
                "6 digits of the Harmonized System, for example 090111 for green coffee."
            ),
            "price_rwf": gettext_lazy("Whole francs."),
            "min_order_quantity": gettext_lazy("In the unit below."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "hs_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 6}),
            "price_rwf": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "price_usd": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
        }

    def __init__(self, *args, kept: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_images = (kept or {}).get("product_image", [])
        self.accepted_images: list = []
        self.fields["new_images"].help_text = _(
            "PNG, JPEG or WebP, at most 5 MB each, at least 400 × 400 pixels. "
            "At least one photo; up to %(n)d."
        ) % {"n": MAX_IMAGES_PER_PRODUCT}
        images = self.instance.images.all() if self.instance.pk else []
        self.existing_images = list(images)
        self.fields["remove_images"].queryset = (
            self.instance.images.all() if self.instance.pk else Product.objects.none()
        )
        self.fields["remove_images"].label_from_instance = lambda image: image.alt or _("Photo")
        if not self.existing_images:
            del self.fields["remove_images"]

    def clean_hs_code(self):
        return "".join(self.cleaned_data.get("hs_code", "").split()).replace(".", "")

    def clean_new_images(self):
        """Each new photo checked by content; the kept ones (staging.py) come first."""
        errors = []
        for upload in self.cleaned_data.get("new_images") or []:
            name = upload.name
            try:
                self.accepted_images.append(_checked_image(upload, uploads.PRODUCT_IMAGE))
            except forms.ValidationError as error:
                errors.extend(
                    forms.ValidationError(
                        _("%(name)s: %(error)s") % {"name": name, "error": message}
                    )
                    for message in error.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return [*self.kept_images, *self.accepted_images]

    def accepted_files(self) -> dict[str, list]:
        return {"product_image": self.accepted_images} if self.accepted_images else {}

    def clean(self):
        data = super().clean()
        if "new_images" in self.errors:
            return data
        removing = {image.pk for image in data.get("remove_images") or []}
        kept = [image for image in self.existing_images if image.pk not in removing]
        count = len(kept) + len(data.get("new_images") or [])
        if count == 0:
            self.add_error("new_images", _("Add at least one photo of the product."))
        elif count > MAX_IMAGES_PER_PRODUCT:
            self.add_error(
                "new_images",
                _("A product has at most %(n)d photos.") % {"n": MAX_IMAGES_PER_PRODUCT},
            )
        return data
