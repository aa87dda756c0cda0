# Joins the firm and capability indexes (national scale) to the reports and assessment work.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('fieldvisits', '0015_firm_index_holds_its_id'),
        ('fieldvisits', '0016_merge_answer_index_assessment_program'),
    ]

    operations = [
    ]
