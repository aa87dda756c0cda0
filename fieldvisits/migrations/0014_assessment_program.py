import django.db.models.deletion
from django.db import migrations, models


def copy_firm_program(apps, schema_editor):
    Assessment = apps.get_model("fieldvisits", "Assessment")
    Firm = apps.get_model("fieldvisits", "Firm")
    Assessment.objects.update(program=models.Subquery(
        Firm.objects.filter(pk=models.OuterRef("firm")).values("program")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("fieldvisits", "0013_questionnaire_languages"),
        ("tracker", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="program",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="tracker.program", verbose_name="programme"),
        ),
        migrations.RunPython(copy_firm_program, migrations.RunPython.noop),
    ]
