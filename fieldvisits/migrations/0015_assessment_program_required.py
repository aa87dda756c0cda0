import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0014: PostgreSQL alters no table with deferred checks of the rows 0014
    wrote still pending in the same transaction."""

    dependencies = [
        ("fieldvisits", "0014_assessment_program"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assessment",
            name="program",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="tracker.program", verbose_name="programme"),
        ),
    ]
