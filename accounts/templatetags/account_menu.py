from django import template

from accounts.admin_link import admin_link_shown
from accounts.profile_cache import profile_facts

register = template.Library()


@register.filter
def shows_admin_link(user) -> bool:
    """``{% if user|shows_admin_link %}``: staff, or Wagtail admin access (accounts/admin_link)."""
    return admin_link_shown(user)


@register.filter
def account_name(user) -> str:
    """``{{ user|account_name }}``: the short name, from the cache (accounts/profile_cache.py)."""
    if not user.is_authenticated:
        return ""
    return profile_facts(user).short_name
