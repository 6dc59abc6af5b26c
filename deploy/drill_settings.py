"""The restore drill's server: the production settings, except that static files are served
from the source folders (as dev does) instead of a collected, hashed copy. Collecting and
compressing every static file (Wagtail's admin included) costs minutes on a busy 2-core machine
and proves nothing about a restore. Used only by deploy/restore_drill.py."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
