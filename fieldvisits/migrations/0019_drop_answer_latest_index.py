# The protected tables are keyed by the figures version (0018), no longer by a fingerprint
# that read each visit's latest answer: the index only slowed answer writes down.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('fieldvisits', '0018_figures_version'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='answer',
            name='answer_latest',
        ),
    ]
