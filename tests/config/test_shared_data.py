"""Shared test data (tests/shared_data.py): built once for a run of tests that ask for it, each test
in a savepoint of its own, and invisible to a test that did not ask for it. The tests here run in
file order and depend on it: that order is what they check."""

import pytest

from courses.models import HomePage
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

BUILDS: list[int] = []


@shared(needs=("site",))
def counted_home(site):
    BUILDS.append(site.pk)
    return site


def test_a_test_changes_and_deletes_shared_rows(counted_home):
    counted_home.title = "Changed"
    counted_home.save()
    HomePage.objects.exclude(pk=counted_home.pk).delete()
    assert HomePage.objects.count() == 1


def test_the_next_test_sees_them_as_built(counted_home):
    assert counted_home.title == "Isoko"
    assert HomePage.objects.get(pk=counted_home.pk).title == "Isoko"
    assert HomePage.objects.count() == 2  # the English home and its French translation


def test_a_test_that_did_not_ask_sees_none_of_them():
    assert not HomePage.objects.exists()


def test_the_rows_were_built_at_most_twice_for_three_tests(counted_home):
    """The first test of a session builds in the test itself (the test database did not exist
    before it); after that, once for the run. These three tests run one after the other, as the
    suite groups the tests of a module by the shared data they use."""
    assert 1 <= len(BUILDS) <= 2
