from django.db import migrations
from modeltranslation.utils import build_localized_fieldname


def name_languages(apps, schema_editor):
    from gcmtalks.core.language_names import names

    Language = apps.get_model("core", "Language")
    for language in Language.objects.all():
        for ui, name in names(language.code).items():
            field = build_localized_fieldname("name", ui)
            if not getattr(language, field):
                setattr(language, field, name)
        language.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_fewer_indexes")]
    operations = [migrations.RunPython(name_languages, migrations.RunPython.noop)]
