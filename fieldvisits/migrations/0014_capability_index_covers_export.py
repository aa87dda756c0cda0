import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The capabilities' firm index becomes one that also holds the kind and names an
    export reads (built first, so the table is never without an index on the firm)."""

    dependencies = [
        ('fieldvisits', '0013_questionnaire_languages'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='capability',
            index=models.Index(fields=['firm', 'kind', 'name_folded', 'name_tr'],
                               name='capability_of_firm'),
        ),
        migrations.AlterField(
            model_name='capability',
            name='firm',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                    related_name='capabilities', to='fieldvisits.firm',
                                    verbose_name='firm'),
        ),
    ]
