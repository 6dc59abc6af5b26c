"""Low-data mode: smaller pictures, no video players, transcripts and audio first.

On when the browser's data saver says so (``Save-Data: on``, ``core.http.save_data_on``) or the
learner chose it on their profile (``Profile.low_data``). Pages whose output depends on it ask
``wants_low_data(request)``, which records ``Vary: Save-Data`` (``core.http.varies_on``) so no
shared cache hands one variant to a visitor who asked for the other; the public page cache keys
on the header too (config/page_cache.py). docs/offline.md, "Low-data mode".
"""

from __future__ import annotations

from core.http import save_data_on, varies_on

_ATTRIBUTE = "_isoko_low_data"


def wants_low_data(request) -> bool:
    """Whether ``request`` should get the low-data page. Decided once per request.

    The profile is read from ``request.user.profile``, the object the account menu reads for the
    learner's name on every page (and the dashboard loads with the user): no query of its own.
    """
    if request is None:
        return False
    answer = getattr(request, _ATTRIBUTE, None)
    if answer is None:
        varies_on(request, "Save-Data")
        answer = save_data_on(request) or _profile_says(request)
        setattr(request, _ATTRIBUTE, answer)
    return answer


def _profile_says(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    # Users made by createsuperuser have no profile (the missing one is remembered on the user).
    profile = getattr(user, "profile", None)
    return bool(getattr(profile, "low_data", False))
