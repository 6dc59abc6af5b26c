"""The only module other apps may import from courses (enforced by import-linter)."""

from courses.demo import seed_demo_site
from courses.demo_curriculum import seed_demo_curriculum
from courses.services import editorial_setup

__all__ = ["editorial_setup", "seed_demo_curriculum", "seed_demo_site"]
