from django.db import migrations, models


def rial_programmes_run_in_iran(apps, schema_editor):
    # Before the field existed the only programmes outside Türkiye were Iran's, and every
    # one of them keeps its amounts in rials.
    Program = apps.get_model("tracker", "Program")
    Program.objects.filter(currency="IRR").update(country="IR")


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0019_merge_milestone_history_and_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="country",
            field=models.CharField(
                choices=[("TR", "Türkiye"), ("IR", "Iran")], default="TR",
                help_text="Public pages compare the province with the other provinces of "
                          "this country only.",
                max_length=2, verbose_name="country"),
        ),
        migrations.RunPython(rial_programmes_run_in_iran, migrations.RunPython.noop),
    ]
