"""Settings of the enrolled-lesson and routing work (issue 15, item 2). Read from the environment;
imported at the end of base.py."""

import environ

env = environ.Env()

# Process-local memos (core/shared_memo.py: the Site of a host, Locale ids, home pages, the
# account menu's admin link) compare their generation with the shared cache at most this often
# (seconds): a change made on one node is seen by the others within this delay.
ISOKO_SHARED_MEMO_RECHECK = env.float("ISOKO_SHARED_MEMO_RECHECK", default=1.0)
# ... and are dropped after this long whatever the cache says (a cache that is not shared).
ISOKO_SHARED_MEMO_MAX_AGE = env.float("ISOKO_SHARED_MEMO_MAX_AGE", default=300.0)
# A lesson or quiz view records the learner's activity time at most this often (seconds) while
# they stay on the same item (lms.services.enrolment.enrolment_view_record): the dashboard's
# "Last activity" and the inactivity nudges read it, "continue" reads the item.
ISOKO_ACTIVITY_RESOLUTION = env.int("ISOKO_ACTIVITY_RESOLUTION", default=15 * 60)
# A learner's enrolment and items done in a course, as the lesson and quiz pages read them, are
# kept in the shared cache at most this long (seconds; lms/lesson_state_cache.py). Any write to
# them, and any page change, replaces the stamp they are kept under sooner. 0: read every time.
ISOKO_LESSON_STATE_CACHE_SECONDS = env.int("ISOKO_LESSON_STATE_CACHE_SECONDS", default=24 * 3600)
# Every page's frame (head, header, footer, the account menu's links, the language list) rendered
# once per process and language ({% constant %}, config/templatetags/fragments.py). Off only to
# compare the pages with it and without it.
ISOKO_CONSTANT_FRAGMENTS = True
