from django.db import migrations


def load(apps, schema_editor):
    from zones.consent import first_version
    from zones.occupations import load_occupations

    text_tr, text_en, retention_months = first_version()
    load_occupations(apps.get_model("zones", "Occupation"))
    apps.get_model("zones", "ConsentText").objects.get_or_create(
        version=1, defaults={"text_tr": text_tr, "text_en": text_en,
                             "retention_months": retention_months})


class Migration(migrations.Migration):
    dependencies = [("zones", "0001_zones_occupations_vacancies_seekers")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
