from django.db import migrations


def load(apps, schema_editor):
    from zones.occupations import load_occupations

    # The shipped list grew to every ISCO-08 group; loading updates by code.
    load_occupations(apps.get_model("zones", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("zones", "0002_occupations_and_first_consent_text")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
