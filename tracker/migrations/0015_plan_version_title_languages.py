"""The plan version's title in every content language (``core.translation``): the title
becomes its Turkish column, keeping its text."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracker", "0014_content_language_columns")]

    operations = [
        migrations.RenameField("planversion", "title", "title_tr"),
        migrations.AlterField(
            model_name="planversion", name="title_tr",
            field=models.CharField(max_length=200, verbose_name="title (Turkish)"),
        ),
        migrations.AddField(
            model_name="planversion", name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="planversion", name="title_fa",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Persian)"),
        ),
    ]
