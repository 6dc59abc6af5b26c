"""Status list slots become fields, drawn at random for new certificates (certificates/status.py).

Every existing certificate keeps the slot its primary key gave it (list pk // 131072, index
pk % 131072): that is the slot its signed credential names, or, for a pending one, the slot a
worker still running the previous code would sign. No credential is touched.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F

# The size of a list when the slot came from the primary key (models.STATUS_LIST_SIZE then).
PK_SLOTS_PER_LIST = 131_072


def keep_the_slots_of_existing_certificates(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    Certificate.objects.update(
        status_list=F("pk") / PK_SLOTS_PER_LIST, status_index=F("pk") % PK_SLOTS_PER_LIST
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("courses", "0004_coursepage_certificate_valid_months"),
        ("lms", "0005_cohort_import"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="certificate",
            name="status_list",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(
            keep_the_slots_of_existing_certificates, migrations.RunPython.noop, elidable=True
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                fields=("status_list", "status_index"), name="certificates_one_per_status_slot"
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status_index__isnull", True), ("status_list__isnull", True)),
                    models.Q(
                        ("status_index__isnull", False),
                        ("status_index__lt", 131072),
                        ("status_list__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="certificates_status_slot_whole_and_in_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("credential__isnull", True), ("status_index__isnull", False), _connector="OR"
                ),
                name="certificates_signed_has_status_slot",
            ),
        ),
    ]
