"""A learner's state in one course (their enrolment, the lessons done and quizzes passed), kept in
the shared cache (Redis in production) for the lesson page, as /dashboard/ keeps its body
(config/dashboard.py, core/learner_cache.py).

A lesson view used to read the enrolment and the items done on every request (two of its six
queries, and most of its ORM work after the memos). Both are the learner's own rows, and every
write to them replaces the learner's generation (lms/learner_receivers.py for saves and deletes,
``learner_changed`` in the ``update()`` writers of lms/services/enrolment.py): a copy is served
only while its stamp holds

- the learner's state generation and the all-learners token (core.learner_cache), read in the
  same cache round trip as the copy. Every write to these rows replaces the state token but one:
  a lesson view recording the enrolment's activity time and last item (the first view of each
  lesson), which stores the two new values in this copy itself (``course_state_remember``), so
  that a learner going from lesson to lesson keeps their copy;
- the content generation (courses.api.content_generation): a page deleted sets enrolments'
  ``last_item`` to NULL and deletes progress by cascade, neither of which sends a signal;

so enrolling, withdrawing, marking a lesson complete, passing a quiz or opening another lesson is
seen on the very next request, on every node. The enrolment decides access to the lesson body
(lms.page_state): it is as fresh here as a database read, since the token is replaced at once on
the write and again after its commit (a request that read the old rows between the two stores
its copy under a token already gone). A missing token is created anew, never read as "none".

The enrolment is stored as its field values, not a pickled model, so that a deploy that adds a
field cannot unpickle an old one into a wrong shape: the stamp also holds the field names.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from core.learner_cache import ALL_KEY, ensure_generations, state_generation_key
from courses.api import content_generation
from lms.models import Enrolment
from lms.selectors import done_item_ids, enrolment_for

_FIELDS = tuple(field.attname for field in Enrolment._meta.concrete_fields)


def _key(user_id, course_id) -> str:
    return f"lesson-state:{int(user_id)}:{int(course_id)}"


def _enrolment_from(values: dict | None) -> Enrolment | None:
    if values is None:
        return None
    enrolment = Enrolment(**values)
    enrolment._state.adding, enrolment._state.db = False, "default"
    return enrolment


def course_state(user, course) -> tuple[Enrolment | None, set[int], tuple | None]:
    """The learner's enrolment in ``course`` (None when not enrolled or withdrawn), the ids of
    the lessons done and quizzes passed in it (empty when not enrolled), and the stamp they were
    read under (None when not cached): from the cache while its stamp holds, else from the
    database (two queries) and then cached."""
    seconds = settings.ISOKO_LESSON_STATE_CACHE_SECONDS
    if not seconds:
        return *_read(user, course), None
    key = _key(user.pk, course.pk)
    found = cache.get_many([key, state_generation_key(user.pk), ALL_KEY])
    mine, everyone = ensure_generations(user.pk, found, state=True)
    stamp = (mine, everyone, content_generation(), _FIELDS)
    entry = found.get(key)
    if entry is not None and entry["stamp"] == stamp:
        return _enrolment_from(entry["enrolment"]), set(entry["done"]), stamp
    enrolment, done = _read(user, course)
    _store(key, stamp, enrolment, done)
    return enrolment, done, stamp


def course_state_remember(user, course, enrolment: Enrolment, done: set[int], stamp) -> None:
    """Keep the enrolment's activity time and last item, just written by a lesson view
    (``enrolment_view_record``, which replaces the dashboard's token and not the state token),
    in the copy read under ``stamp``. Under that stamp, not the current one: if anything else
    was written since this request read the state, the state token moved on and this copy is
    dead, as it should be. (Two lesson views of one learner at the same moment may leave the
    other's last item here than in the row; the next view of a lesson then writes once more
    than needed, or "continue" leads to the other of the two lessons: nothing is shown stale.)"""
    if stamp is not None:
        _store(_key(user.pk, course.pk), stamp, enrolment, done)


def _store(key: str, stamp, enrolment: Enrolment | None, done: set[int]) -> None:
    values = None if enrolment is None else {name: getattr(enrolment, name) for name in _FIELDS}
    cache.set(
        key,
        {"stamp": stamp, "enrolment": values, "done": sorted(done)},
        timeout=settings.ISOKO_LESSON_STATE_CACHE_SECONDS,
    )


def _read(user, course) -> tuple[Enrolment | None, set[int]]:
    enrolment = enrolment_for(learner=user, course=course)
    if enrolment is None:
        return None, set()
    return enrolment, done_item_ids(learner=user, course_ids=[course.pk])
