"""Talks published before the circulation existed are not news: they are recorded as seen and
announced, so the first run announces only talks published from now on."""

from django.db import migrations
from django.utils import timezone


def record(apps, schema_editor):
    Talk = apps.get_model("talks", "Talk")
    PublishedTalk = apps.get_model("circulation", "PublishedTalk")
    now = timezone.now()
    ids = Talk.objects.filter(status="published", end__gt=now).values_list("pk", flat=True)
    PublishedTalk.objects.bulk_create(
        [PublishedTalk(talk_id=pk, seen_at=now, announced_at=now) for pk in ids],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("circulation", "0001_initial")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
