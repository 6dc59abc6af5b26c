"""Signals any app may send, for the project shell to act on (core is below every app).

``public_pages_changed``: data shown on public pages changed outside Wagtail's page events (the
programme's numbers on /impact/ were refreshed, for instance). The full-page cache drops every
cached page when it is sent (config/public_purge.py, connected in config/apps.py), at once and
again after the current transaction commits. Keyword arguments: ``reason`` (a short string for
the log). An app cannot call config's purge itself: config sits above every app.
"""

from django.dispatch import Signal

public_pages_changed = Signal()
