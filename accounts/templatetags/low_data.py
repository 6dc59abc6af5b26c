from django import template

from accounts.low_data import wants_low_data

register = template.Library()


@register.filter
def low_data(request) -> bool:
    """``{% if request|low_data %}``: low-data mode for this request (accounts/low_data.py).

    False without a request (a block rendered outside a page, in the admin's preview panel)."""
    return wants_low_data(request) if hasattr(request, "META") else False
