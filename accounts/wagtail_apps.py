from wagtail.users.apps import WagtailUsersAppConfig


class IsokoWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with our user forms (see accounts/wagtail_users.py)."""

    user_viewset = "accounts.wagtail_users.IsokoUserViewSet"

    def ready(self):
        super().ready()
        from wagtail.admin.views.account import AvatarSettingsPanel, NameEmailSettingsPanel

        from accounts.wagtail_users import IsokoAvatarForm, IsokoNameEmailForm

        # Wagtail offers no setting for this panel's form; without the swap, the names typed in
        # "Account → Name and Email" would be silently dropped (our User has no name fields).
        NameEmailSettingsPanel.form_class = IsokoNameEmailForm
        # The profile picture: an image of too many pixels gets the site's one message (and is
        # never decoded to be scaled down), not "not an image or a corrupted image".
        AvatarSettingsPanel.form_class = IsokoAvatarForm
