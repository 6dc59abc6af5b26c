"""Who the programme's numbers count: the people it trains, not the people who run it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts.api import impact_signups
from core.impact import ImpactFilter
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["Trainers", "Reviewers", "Facilitators", "Programme managers"])
def test_the_programmes_own_roles_are_not_counted(role):
    UserFactory.create_batch(3)
    member = UserFactory()
    member.groups.add(Group.objects.get_or_create(name=role)[0])
    UserFactory(is_staff=True)
    assert impact_signups(ImpactFilter())["total"] == 3
    # Leaving the role makes them one of the people again.
    member.groups.clear()
    assert impact_signups(ImpactFilter())["total"] == 4


def test_another_group_does_not_hide_a_learner():
    learner = UserFactory()
    learner.groups.add(Group.objects.get_or_create(name="Coffee cooperative")[0])
    assert impact_signups(ImpactFilter())["total"] == 1
