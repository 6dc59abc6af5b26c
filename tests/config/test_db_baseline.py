"""What migrations put in the test database survives the flush that ends a transactional test
(tests/db_baseline.py), so the next test in the same process, or the next --reuse-db run, has
Wagtail's root page, locale, collection, groups and permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Collection, Locale, Page

from tests import db_baseline

pytestmark = pytest.mark.django_db(transaction=True)


def baseline():
    return {
        "root pages": list(Page.objects.filter(depth=1).values_list("pk", "title")),
        "locales": list(Locale.objects.values_list("pk", "language_code")),
        "collections": list(Collection.objects.filter(depth=1).values_list("pk", "name")),
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "content types": sorted(ContentType.objects.values_list("pk", "app_label", "model")),
        "permissions": Permission.objects.count(),
    }


def test_a_flushed_database_gets_its_baseline_back():
    before = baseline()
    assert before["root pages"] and before["locales"] and before["collections"]
    # As TransactionTestCase ends: every table emptied, then post_migrate makes content types
    # and permissions again, under other primary keys.
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists()
    db_baseline.restore()
    assert baseline() == before
    # The sequences moved past the restored rows: new rows get fresh keys.
    Group.objects.create(name="A group made after the restore")
    Page.get_first_root_node().add_child(instance=Page(title="After", slug="after"))


def test_the_next_transactional_test_starts_from_the_baseline():
    """Runs after the test above, whose own flush (at its end) emptied the database."""
    assert Page.objects.filter(depth=1).exists()
    assert Locale.objects.exists()
    assert Group.objects.filter(name="Storefront reviewers").exists()
    assert not Group.objects.filter(name="A group made after the restore").exists()
