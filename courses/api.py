"""The only module other apps may import from courses (enforced by import-linter)."""

from courses.demo import seed_demo_site

__all__ = ["seed_demo_site"]
