"""What every logged-in page reads of the learner's profile, from the shared cache: the account
menu's name (``{{ user|account_name }}``) and whether they chose low-data mode
(accounts/low_data.py).

Reading the profile cost a query on every logged-in page: on the enrolled lesson, with the ORM
building it, about 7% of the request's CPU (cProfile, production settings, the bench's data). Both
facts change only when the profile or the user row is written, and each of those writes replaces
the learner's generation and state generation (accounts/learner_receivers.py; account
erasure's ``update()`` of the profile calls ``learner_changed`` itself). So they are kept in the
cache stamped with the state generation (which a lesson view's activity write leaves alone) and
the all-learners token, read back in one round trip, once per request: a rename
or a change of mode shows on the next request, on every node (core/learner_cache.py says why a
stamp read before the rows can never match a copy built from rows older than a write).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from core.learner_cache import (
    ALL_KEY,
    GENERATION_TIMEOUT,
    ensure_generations,
    state_generation_key,
)

_ATTRIBUTE = "_isoko_profile_facts"


@dataclass(frozen=True)
class ProfileFacts:
    short_name: str
    low_data: bool


def _key(user_id) -> str:
    return f"profile-facts:{int(user_id)}"


def _read(user) -> ProfileFacts:
    # Users made by createsuperuser have no profile (get_short_name falls back to the e-mail).
    profile = getattr(user, "profile", None)
    return ProfileFacts(user.get_short_name(), bool(getattr(profile, "low_data", False)))


def profile_facts(user) -> ProfileFacts:
    """The learner's name and low-data choice: once per request (remembered on the user), from
    the cache while their generation holds, else from the profile (one query)."""
    facts = getattr(user, _ATTRIBUTE, None)
    if facts is not None:
        return facts
    if user.pk is None or "profile" in user._state.fields_cache:
        facts = _read(user)  # an unsaved user, or the profile loaded already: no round trip
    else:
        key = _key(user.pk)
        found = cache.get_many([key, state_generation_key(user.pk), ALL_KEY])
        stamp = ensure_generations(user.pk, found, state=True)
        entry = found.get(key)
        if entry is not None and entry[0] == stamp:
            facts = ProfileFacts(entry[1], entry[2])
        else:
            facts = _read(user)
            # Never longer than the tokens it is stamped with live: a lost token is a miss.
            entry = (stamp, facts.short_name, facts.low_data)
            cache.set(key, entry, timeout=GENERATION_TIMEOUT)
    setattr(user, _ATTRIBUTE, facts)
    return facts
