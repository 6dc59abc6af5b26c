from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import admin_link, learner_receivers

        admin_link.connect()
        learner_receivers.connect()  # the dashboard cached per learner follows their writes
