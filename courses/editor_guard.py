"""Two workarounds for races in Wagtail 8's page editor; see README "Page editor".

1. Autosave never performs an action. Wagtail's workflow-action.js adds hidden inputs
   (``action-workflow-action``, ``workflow-action-name``) to the edit form when an editor clicks
   "Approve and publish", and its AutosaveController posts ``new FormData(form)``: an autosave
   fired as the form submits carries the workflow action too, and Wagtail's EditView performs
   whatever action a POST names, JSON (autosave) or not. The form POST does the action; the
   autosave is refused here, in words the autosave indicator shows.

2. The POSTs that write a page run one at a time per page (per parent for a new page). Wagtail
   loads the page, checks the action (``workflow_action_is_valid``), saves the form with
   ``commit=True`` for a never-published page, then calls
   ``page.current_workflow_task.on_action``, each step committed on its own. A second POST that
   loaded the page before the first finished wrote its stale row back (``live=False``: the page
   unpublished while the history says "Published" and the trainer is told "approved"), then failed
   with ``AttributeError: 'NoneType' object has no attribute 'on_action'``. Two "Save draft" taps
   on a new page both passed the slug check and the second failed in ``Page.full_clean`` (500).
   Here the whole view runs in one transaction that first locks the page row (the parent's for a
   new page): the second request waits, then loads what the first committed and gets Wagtail's
   own answer to it (the review has ended; "This slug is already in use"). On SQLite the
   IMMEDIATE transaction (config/settings/base.py) takes the database's write lock instead.
"""

from __future__ import annotations

from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

# The POST fields by which Wagtail's page views choose an action other than "save draft".
ACTION_FIELDS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
)

# URL name -> the keyword argument naming the page whose row is locked.
SERIALISED_VIEWS = {
    "wagtailadmin_pages:edit": "page_id",
    "wagtailadmin_pages:revisions_revert": "page_id",
    "wagtailadmin_pages:workflow_action": "page_id",
    "wagtailadmin_pages:add": "parent_page_id",
}


def refuse_autosave_with_an_action(request, *args):
    """``before_edit_page`` / ``before_create_page`` hook: an autosave (a POST that does not
    accept HTML) that names an action saves nothing; the form POST beside it does the work."""
    if request.method != "POST" or request.accepts("text/html"):
        return None
    if not any(request.POST.get(field) for field in ACTION_FIELDS):
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": "action_in_progress",
            "error_message": _("Not saved automatically: your action is being carried out."),
        },
        status=409,
    )


class SerialPageWritesMiddleware:
    """Runs Wagtail's page-writing views (SERIALISED_VIEWS) one at a time per page.

    Last in MIDDLEWARE, so that every other ``process_view`` (CSRF, MFA) has run before it calls
    the view itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        kwarg = SERIALISED_VIEWS.get(request.resolver_match.view_name)
        if kwarg is None or kwarg not in view_kwargs:
            return None
        with transaction.atomic():
            # Locked before the view loads the page, so it reads what the last writer committed.
            list(Page.objects.select_for_update().filter(pk=view_kwargs[kwarg]).values("pk"))
            # A TemplateResponse (the form again, with its errors) renders after the commit, as
            # any view's does: the lock is held for the writes only.
            return view_func(request, *view_args, **view_kwargs)
