from accounts.models import Profile, User


def profile_for(user: User) -> Profile:
    """The user's profile, created on first access (users made by createsuperuser have none)."""
    profile = getattr(user, "profile", None)
    if profile is not None:
        return profile
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile
