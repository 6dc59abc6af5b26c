from wagtail import hooks

from lms.page_state import before_serve


@hooks.register("before_serve_page")
def attach_learner_state(page, request, serve_args, serve_kwargs):
    return before_serve(page, request)
