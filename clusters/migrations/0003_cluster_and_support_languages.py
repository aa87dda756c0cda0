"""Cluster names and descriptions and support titles in every content language
(``core.translation``): each becomes its Turkish column, keeping its text."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clusters", "0002_centre_staff_and_scores_edited_inline")]

    operations = [
        migrations.RenameField("cluster", "name", "name_tr"),
        migrations.RenameField("cluster", "description", "description_tr"),
        migrations.RenameField("supportdelivery", "title", "title_tr"),
    ]
