# The browser fixtures of tests/e2e (a phone-sized page of the shared Chromium).
from tests.e2e.conftest import page  # noqa: F401
