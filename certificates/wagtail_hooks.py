"""Wagtail hooks of certificates: the staff pages in the admin (certificates/viewsets.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    # Also registers view/change certificate for Wagtail's group editor (the viewset's
    # get_permissions_to_register).
    from certificates.viewsets import CertificateViewSet

    return CertificateViewSet()


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certificates.view_certificate")


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificates"),
        reverse("certificates_admin:index"),
        name="certificates",
        icon_name="doc-full",
        order=220,
    )


class ReasonLogFormatter(LogFormatter):
    """Shows the staff member's reason as the entry's comment in Wagtail's history reports."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    @actions.register_action("certificates.revoke")
    class RevokeFormatter(ReasonLogFormatter):
        label = _("Revoke certificate")
        message = _("Certificate revoked")

    @actions.register_action("certificates.reissue")
    class ReissueFormatter(ReasonLogFormatter):
        label = _("Reissue certificate")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Certificate reissued: “%(old)s” → “%(new)s”") % {
                "old": data.get("old_name", ""),
                "new": data.get("new_name", ""),
            }

    @actions.register_action("certificates.retry")
    class RetryFormatter(ReasonLogFormatter):
        label = _("Retry certificate")
        message = _("Certificate issuing retried")
