"""Enrolling is not activity: enrolments used to be created with last_activity_at set
to the moment of enrolment, so the dashboard said "Last activity 0 minutes ago" (and later "3
days ago") for someone who had done nothing. New enrolments leave it empty; this clears it on
the old ones that have had no activity since.

Every activity records the item opened (lms.services.enrolment.enrolment_touch), so an
enrolment with no last item and a last activity within a few seconds of its enrolment has never
been active. (An item deleted since clears last_item too: the time test keeps those.)"""

from datetime import timedelta

from django.db import migrations

SAME_MOMENT = timedelta(seconds=5)
BATCH = 500


def clear_enrolment_time(apps, schema_editor):
    Enrolment = apps.get_model("lms", "Enrolment")
    candidates = Enrolment.objects.filter(last_item__isnull=True, last_activity_at__isnull=False)
    never_active = [
        pk
        for pk, enrolled_at, last_activity_at in candidates.values_list(
            "pk", "enrolled_at", "last_activity_at"
        ).iterator(chunk_size=BATCH)
        if abs(last_activity_at - enrolled_at) <= SAME_MOMENT
    ]
    for start in range(0, len(never_active), BATCH):
        Enrolment.objects.filter(pk__in=never_active[start : start + BATCH]).update(
            last_activity_at=None
        )


class Migration(migrations.Migration):
    dependencies = [("lms", "0005_cohort_import")]

    operations = [migrations.RunPython(clear_enrolment_time, migrations.RunPython.noop, elidable=True)]
