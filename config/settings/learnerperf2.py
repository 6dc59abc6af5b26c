"""The dashboard cached per learner (config/dashboard.py, docs/lesson-performance.md, fourth
pass): how long a copy may live at most, in seconds; 0 builds it on every request. A copy is
dropped sooner by any write to what it shows, by any page change, by a deploy, and when its own
text would change with time."""

ISOKO_DASHBOARD_CACHE_SECONDS = 24 * 3600
