"""The page's hooks for the offline app (config/pwa.py): who its pages belong to."""

from django import template

from config.pwa import owner_token

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_owner(context) -> str:
    """The owner token of this page ("" for a visitor): register.js and the worker clear the
    phone's learner data when it changes, so one learner's pages never open for another."""
    user = getattr(context.get("request"), "user", None)
    # No request or no user (the 500 page renders without them): nobody can tell, and "" would
    # read as "logged out" and clear the learner's phone.
    return "unknown" if user is None else owner_token(user)
