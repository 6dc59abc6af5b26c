"""The cohorts' Wagtail hooks: their admin screens, and the guards that stop a course page with
cohorts from being deleted. Wagtail reads hooks from lms/wagtail_hooks.py, which imports this."""

from wagtail import hooks


@hooks.register("register_admin_viewset")
def register_cohort_admin():
    from lms.cohorts.admin_viewsets import CohortsGroup

    return CohortsGroup()


@hooks.register("before_delete_page")
def refuse_deleting_a_page_with_cohorts(request, page):
    from lms.cohorts.page_hooks import refuse_deleting_a_page_with_cohorts as refuse

    return refuse(request, page)


@hooks.register("before_bulk_action")
def refuse_deleting_pages_with_cohorts(request, action_type, objects, action):
    from lms.cohorts.page_hooks import refuse_deleting_pages_with_cohorts as refuse

    return refuse(request, action_type, objects, action)
