import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The firms' programme index becomes one that also holds the firm's id (built first,
    so the table is never without an index on the programme)."""

    dependencies = [
        ('fieldvisits', '0014_capability_index_covers_export'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='firm',
            index=models.Index(fields=['program', 'id'], name='firm_of_program'),
        ),
        migrations.AlterField(
            model_name='firm',
            name='program',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                    related_name='firms', to='tracker.program',
                                    verbose_name='programme'),
        ),
    ]
