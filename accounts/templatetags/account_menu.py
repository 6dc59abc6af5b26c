from django import template

from accounts.admin_link import admin_link_shown

register = template.Library()


@register.filter
def shows_admin_link(user) -> bool:
    """``{% if user|shows_admin_link %}``: staff, or Wagtail admin access (accounts/admin_link)."""
    return admin_link_shown(user)
