import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """One word for one thing: the stakeholder institution is an ``Institution`` in code."""

    dependencies = [
        ("tracker", "0002_action_plan_tasks_indicators"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="stakeholder", name="unique_stakeholder_name"),
        migrations.RenameModel(old_name="Stakeholder", new_name="Institution"),
        migrations.AlterModelOptions(
            name="institution",
            options={"ordering": ["program", "name"], "verbose_name": "institution",
                     "verbose_name_plural": "institutions"},
        ),
        migrations.AddConstraint(
            model_name="institution",
            constraint=models.UniqueConstraint(fields=("program", "name"),
                                               name="unique_institution_name"),
        ),
        migrations.RenameField(model_name="membership", old_name="stakeholder",
                               new_name="institution"),
        migrations.AlterField(
            model_name="institution",
            name="program",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="institutions", to="tracker.program",
                                    verbose_name="programme"),
        ),
    ]
