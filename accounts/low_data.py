"""Low-data mode: smaller pictures, no video players, transcripts and audio first.

On when the browser's data saver says so (``Save-Data: on``, ``core.http.save_data_on``) or the
learner chose it on their profile (``Profile.low_data``). Pages whose output depends on it ask
``wants_low_data(request)``, which records ``Vary: Save-Data`` (``core.http.varies_on``) so no
shared cache hands one variant to a visitor who asked for the other; the public page cache keys
on the header too (config/page_cache.py). docs/offline.md, "Low-data mode".
"""

from __future__ import annotations

from accounts.profile_cache import profile_facts
from core.http import save_data_on, varies_on

_ATTRIBUTE = "_isoko_low_data"


def wants_low_data(request) -> bool:
    """Whether ``request`` should get the low-data page. Decided once per request.

    The learner's choice comes with the account menu's name, from the cache while their
    generation holds (accounts/profile_cache.py): no query of its own.
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
    # From the cache, with the account menu's name (accounts/profile_cache.py): no query.
    return profile_facts(user).low_data
