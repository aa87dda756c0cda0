"""Translatable content (``core.translation``): the single Turkish columns of the plan,
roadmap and indicators become their ``*_tr`` columns, keeping their text; the next
migration adds the English and Persian ones."""

from django.db import migrations

RENAMED = [
    ("milestone", "title"), ("goal", "title"), ("action", "title"),
    ("action", "description"), ("task", "title"), ("indicator", "unit"),
    ("indicator", "baseline_source"),
]


class Migration(migrations.Migration):
    dependencies = [("tracker", "0012_merge_program_preference")]

    operations = [
        migrations.RenameField(model, field, f"{field}_tr") for model, field in RENAMED
    ]
