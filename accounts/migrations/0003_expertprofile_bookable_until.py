# The directory's availability rule as a column (kept by scheduling's services), filled
# for the experts that exist: date.max with weekly hours, else their last extra date.

import datetime as dt

from django.db import migrations, models
from django.db.models import Case, DateField, Exists, OuterRef, Subquery, Value, When


def bookable_until_fill(apps, schema_editor):
    expert_profile = apps.get_model("accounts", "ExpertProfile")
    weekly_range = apps.get_model("scheduling", "WeeklyRange")
    date_override = apps.get_model("scheduling", "DateOverride")
    weekly = Exists(weekly_range.objects.filter(expert=OuterRef("pk")))
    extra = date_override.objects.filter(expert=OuterRef("pk"), kind="available").order_by("-date")
    expert_profile.objects.update(
        bookable_until=Case(
            When(weekly, then=Value(dt.date.max)), default=Subquery(extra.values("date")[:1]), output_field=DateField()
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_storefront"),
        ("scheduling", "0001_availability"),
    ]

    operations = [
        migrations.AddField(
            model_name="expertprofile",
            name="bookable_until",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(bookable_until_fill, migrations.RunPython.noop),
    ]
