"""Three workarounds for races in Wagtail 8's page editor; see README "Page editor".

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

3. A new page's form POST can land after its own autosave created the page. On the add view the
   autosave creates the page and answers with a ``hydrate_url``; until the editor has fetched it
   the form still posts to the add URL. A trainer who types and at once clicks "Submit to review"
   was told "The slug … is already in use" (a 400) by the page they had just made, and the
   review was never asked for. Such a POST is handed to that page's edit view instead
   (``resume_an_autosaved_new_page``), only when the page can only be this editor's autosave:
   a child of the same parent and type with the posted slug, never published, not in review,
   every revision by this user, the first less than ``AUTOSAVE_RESUME_WINDOW`` ago. (A second
   tap on "Save draft" is now a second save of the same draft, not a "slug in use" error.)
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

# Long enough for a slow link between the autosave and the click, short enough that a page the
# editor made earlier and forgot is answered as Wagtail would ("slug in use").
AUTOSAVE_RESUME_WINDOW = timedelta(minutes=30)

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


def resume_an_autosaved_new_page(request, parent_page, page_class):
    """``before_create_page`` hook: a form POST (not an autosave) to the add URL whose page the
    same editor's autosave has already created is carried out by that page's edit view."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None
    slug = request.POST.get("slug", "").strip()
    if not slug:
        return None
    page = (
        parent_page.get_children()
        .exact_type(page_class)
        .filter(slug=slug, live=False, first_published_at=None)
        .first()
    )
    # A page already in review (a double tap on "Submit") keeps Wagtail's answer: the slug is
    # taken. Only a plain draft, as the autosave leaves it, is taken up.
    if page is None or page.locked or page.workflow_in_progress:
        return None
    revisions = page.revisions
    first = revisions.order_by("created_at").values("created_at").first()
    if (
        first is None
        or first["created_at"] < timezone.now() - AUTOSAVE_RESUME_WINDOW
        or revisions.exclude(user=request.user).exists()
    ):
        return None
    # Imported here: Wagtail's admin views import the hooks registry that imports this module.
    from wagtail.admin.views.pages.edit import EditView

    return EditView.as_view()(request, page_id=page.pk)


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
