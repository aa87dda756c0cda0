# Joins the answer index (reports as of a day) and the assessment programme (national scale).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('fieldvisits', '0014_answer_latest_index'),
        ('fieldvisits', '0015_assessment_program_required'),
    ]

    operations = [
    ]
