"""Settings of quizzes on a flaky link (issue 16, item 4). Read from the environment; imported at
the end of base.py."""

import environ

env = environ.Env()

# A timed attempt accepts answers that reach the server up to this many seconds after its
# deadline (server time; the phone's clock is never asked). It covers the last autosave or the
# "Submit" of a learner on a slow or dropping link: on 2G a POST after a reconnect can take
# 10-20 s, and quiz.js retries with backoff (2, 4, 8, 16 s...). Anything arriving later is never
# trusted: the attempt is graded on what reached the server in time. README, "Quizzes".
ISOKO_QUIZ_GRACE_SECONDS = env.int("ISOKO_QUIZ_GRACE_SECONDS", default=60)
