from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates, verification and signed credentials. Arrives with its issue."""

    name = "certificates"
    verbose_name = _("Certificates")
