"""The dashboard's filter: GET parameters in, ``core.impact.ImpactFilter`` out.

Every parameter is optional and checked: a date that is no date, a range that ends before it
starts, a course, cohort, audience, district or sector that does not exist, a number too big for
any id, or a parameter given twice (``?course=1&course=2``) is a form error shown on the page,
never a server error.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.impact import ImpactFilter

# Sign-ups before the programme, or dates far ahead, are typing mistakes (and years past 9999
# would overflow date arithmetic further down).
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)

# form field -> ImpactFilter field
FIELD_NAMES = {
    "start": "start",
    "end": "end",
    "course": "course_id",
    "audience": "audience",
    "district": "district",
    "sector": "sector",
    "cohort": "cohort_id",
}


@dataclasses.dataclass(frozen=True)
class FilterChoices:
    """What may be chosen, as (value, label) pairs; built per request by choices.py."""

    courses: list[tuple[int, str]]
    cohorts: list[tuple[int, str]]
    audiences: list[tuple[str, str]]
    districts: list[tuple[str, str]]
    sectors: list[tuple[str, str]]


def _with_all(label, choices) -> list:
    return [("", label), *[(str(value), text) for value, text in choices]]


class ImpactFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("First day included (YYYY-MM-DD)."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Last day included (YYYY-MM-DD)."),
    )
    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    cohort = forms.TypedChoiceField(label=_("Cohort"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, choices: FilterChoices, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["course"].choices = _with_all(_("All courses"), choices.courses)
        self.fields["cohort"].choices = _with_all(_("All cohorts"), choices.cohorts)
        self.fields["audience"].choices = _with_all(_("All audiences"), choices.audiences)
        self.fields["district"].choices = _with_all(_("All districts"), choices.districts)
        self.fields["sector"].choices = _with_all(_("All sectors"), choices.sectors)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or self.data is None or not hasattr(self.data, "getlist"):
            return
        for name in self.fields:
            if len(self.data.getlist(name)) > 1:
                self.add_error(name, _("Choose one value only."))

    def _clean_day(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and not (EARLIEST <= value <= LATEST):
            raise forms.ValidationError(
                _("Give a date between %(earliest)s and %(latest)s."),
                params={"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
                code="out_of_range",
            )
        return value

    def clean_start(self):
        return self._clean_day("start")

    def clean_end(self):
        return self._clean_day("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def impact_filter(self) -> ImpactFilter:
        """The filter, once ``is_valid()``: an unbound or empty form is the whole programme."""
        if not self.is_bound:
            return ImpactFilter()
        values = {FIELD_NAMES[name]: self.cleaned_data.get(name) for name in FIELD_NAMES}
        for text in ("audience", "district", "sector"):
            values[text] = values[text] or ""
        return ImpactFilter(**values)

    def described(self) -> list[tuple[str, str]]:
        """(label, chosen value's label) for every field set: the XLSX's first sheet, the page."""
        out = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if isinstance(field, forms.ChoiceField):
                text = dict(field.choices).get(str(value), str(value))
            else:
                text = value.isoformat()
            out.append((str(field.label), str(text)))
        return out
