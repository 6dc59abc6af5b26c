from django import template

from courses.page_review import changes_requested

register = template.Library()


@register.inclusion_tag("courses/admin/changes_requested.html")
def review_feedback(obj):
    """The reviewer's request for changes, shown above the editor's form (see
    courses/page_review.py)."""
    return {"feedback": changes_requested(obj)}
