from wagtail.users.apps import WagtailUsersAppConfig


class IsokoWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with our user forms (see accounts/wagtail_users.py)."""

    user_viewset = "accounts.wagtail_users.IsokoUserViewSet"
