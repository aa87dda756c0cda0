"""Cluster names and descriptions and support titles in every content language
(``core.translation``): each becomes its Turkish column, keeping its text."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("clusters", "0002_centre_staff_and_scores_edited_inline")]

    # The unique name constraint names the column: dropped before the rename and made
    # again after it, so the migration runs both ways.
    operations = [
        migrations.RemoveConstraint(model_name="cluster", name="unique_cluster_name"),
        migrations.RenameField("cluster", "name", "name_tr"),
        migrations.RenameField("cluster", "description", "description_tr"),
        migrations.RenameField("supportdelivery", "title", "title_tr"),
        migrations.AddConstraint(
            model_name="cluster",
            constraint=models.UniqueConstraint(fields=("program", "name_tr"),
                                               name="unique_cluster_name"),
        ),
    ]
