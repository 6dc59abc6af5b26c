"""Cohorts: courses taught to a group on dates, with sessions, attendance and applications.

Part of the ``lms`` Django app (same app label and tables), kept apart from learning (enrolment,
progress, quizzes, nudges) by the "cohorts-boundary" contract in .importlinter: learning uses
cohorts through ``api.py`` only, and cohorts use a few learning modules (models, errors, CSV
helpers, requirements and completion).

- ``models``: cohorts, sessions, attendance, applications, reminders, imports, learner settings.
- ``selectors`` (queries), ``services`` (seats, enrolment, time zone), ``sessions`` (changing
  a session and telling its learners), ``attendance`` and ``checkin``, ``applications``,
  ``roster_import/`` (CSV bulk enrolment), ``report``, ``reminders`` (session e-mails), ``ics``.
- ``views/`` and one ``urls.py`` (under /learn/cohorts/), ``admin_viewsets`` and ``admin_forms``
  (Wagtail admin), ``wagtail_hooks``, ``tasks`` (Celery, under their ``lms.`` names).
"""
