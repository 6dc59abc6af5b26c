from wagtail.users.apps import WagtailUsersAppConfig


class IsokoWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with our user forms (see accounts/wagtail_users.py)."""

    user_viewset = "accounts.wagtail_users.IsokoUserViewSet"

    def ready(self):
        super().ready()
        from wagtail.admin.views.account import NameEmailSettingsPanel

        from accounts.wagtail_users import IsokoNameEmailForm

        # Wagtail offers no setting for this panel's form; without the swap, the names typed in
        # "Account → Name and Email" would be silently dropped (our User has no name fields).
        NameEmailSettingsPanel.form_class = IsokoNameEmailForm
