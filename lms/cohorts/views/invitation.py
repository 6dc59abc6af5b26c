"""The page an invited delegate reaches from their invitation (lms/cohorts/roster_import/): "Set
your password", then signed in and on their dashboard, where the cohort and its sessions are (issue
13, A20).

It is allauth's password-reset-from-key view (the same key, checked by allauth's token
generator, spent by the first password set), with its own words and ending: there is no old
password to change and nothing to cancel, so no "Change Password", no Cancel button and no
"Your password is now changed." page with no way on. An expired or spent link says so and
offers allauth's own "send me a new link" page and the login page."""

from __future__ import annotations

from allauth.account import signals
from allauth.account.forms import ResetPasswordKeyForm
from allauth.account.internal.flows.password_reset import perform_password_reset_login
from allauth.account.views import PasswordResetFromKeyView
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.models import Enrolment


class SetPasswordForm(ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = gettext_lazy("Password")
        self.fields["password2"].label = gettext_lazy("The same password again")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)  # allauth's say "New Password"


class InvitationSetPasswordView(PasswordResetFromKeyView):
    template_name = "lms/cohorts/set_password.html"

    def get_form_class(self):
        return SetPasswordForm

    def cohort_names(self) -> list[str]:
        if self.reset_user is None:
            return []
        return list(
            Enrolment.objects.filter(learner=self.reset_user, cohort__isnull=False)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .order_by("cohort__starts_on")
            .values_list("cohort__name", flat=True)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse(
            "lms_cohort_welcome",
            kwargs={"uidb36": self.kwargs["uidb36"], "key": self.kwargs["key"]},
        )
        context["cohort_names"] = self.cohort_names() if not kwargs.get("token_fail") else []
        return context

    def form_valid(self, form):
        form.save()
        user = self.reset_user
        signals.password_reset.send(sender=user.__class__, request=self.request, user=user)
        names = self.cohort_names()
        if names:
            messages.success(
                self.request,
                _("Your password is set. Welcome to “%(cohort)s”: your sessions are below.")
                % {"cohort": names[0]},
            )
        else:
            messages.success(self.request, _("Your password is set. Welcome to Isoko."))
        # Signed in as allauth signs in after a reset (ACCOUNT_LOGIN_ON_PASSWORD_RESET), through
        # its login flow (so the MFA stage would apply), then to LOGIN_REDIRECT_URL: the
        # dashboard, in the language of the page.
        return perform_password_reset_login(self.request, user, email=user.email)


invitation_set_password = InvitationSetPasswordView.as_view()
