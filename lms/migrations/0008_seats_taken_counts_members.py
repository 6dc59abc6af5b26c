"""Seats were never given back when a learner withdrew from a cohort, and coming back took a
second one, so seats_taken drifted above the cohort's members and the cohort filled
up with empty seats. lms.services.enrolment.enrolment_withdraw now gives the seat back; this
recounts each cohort's seats as its members (enrolments not withdrawn), never more than before
(so never above the capacity)."""

from django.db import migrations
from django.db.models import Count, Q


def recount_seats(apps, schema_editor):
    Cohort = apps.get_model("lms", "Cohort")
    cohorts = Cohort.objects.annotate(
        members=Count("enrolments", filter=~Q(enrolments__status="withdrawn"))
    ).values_list("pk", "seats_taken", "members")
    for pk, taken, members in cohorts.iterator(chunk_size=500):
        if members < taken:
            Cohort.objects.filter(pk=pk).update(seats_taken=members)


class Migration(migrations.Migration):
    dependencies = [("lms", "0007_constraint_messages_in_plain_words")]

    operations = [migrations.RunPython(recount_seats, migrations.RunPython.noop, elidable=True)]
