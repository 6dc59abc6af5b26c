"""/dashboard/: the learner's home, composed from the apps that fill it.

lms gives the learning part (courses in progress and completed, upcoming sessions, the account
box); certificates gives "My certificates" and marketplace_link "My storefront", each a panel of
rendered HTML keyed by name. The composition lives here, in the project shell, because only the
top layer may import all three: lms knows nothing of the apps downstream of it, and import-linter
sees every dependency (a Wagtail hook would hide them).

Progress is computed once per request, by lms, and handed to the panels that show it.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from certificates.api import dashboard_panel as certificates_panel
from certificates.api import standing_certificates
from lms.api import dashboard_context
from marketplace_link.api import dashboard_panel as storefront_panel


@login_required
@require_GET
def dashboard(request):
    context = dashboard_context(request.user)
    # The learner's standing certificates, read once: "My certificates" lists them and the
    # storefront panel looks among them for its qualifying courses'.
    certificates = standing_certificates(request.user)
    context["panels"] = {
        **certificates_panel(request.user, certificates=certificates),
        # The learner's progress, computed once above: the storefront panel shows it for the
        # qualifying courses and must not compute it again.
        **storefront_panel(request.user, progress=context["progress"], certificates=certificates),
    }
    return render(request, "lms/dashboard.html", context)
