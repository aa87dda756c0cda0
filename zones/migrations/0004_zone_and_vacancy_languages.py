"""Zone names, profiles and figures' source notes and vacancies' qualifications in every
content language
(``core.translation``): each becomes its Turkish column, keeping its text, beside an empty
English and Persian one."""

from django.db import migrations, models


def _language_columns(model, base, field, label):
    return [
        migrations.AddField(model_name=model, name=f"{base}_{code}",
                            field=field(f"{label} ({language})"))
        for code, language in (("en", "English"), ("fa", "Persian"))
    ]


class Migration(migrations.Migration):
    dependencies = [("zones", "0003_full_isco08_list")]

    operations = [
        migrations.RenameField("zone", "name", "name_tr"),
        migrations.RenameField("zone", "description", "description_tr"),
        migrations.RenameField("zone", "figures_source_note", "figures_source_note_tr"),
        migrations.RenameField("vacancy", "qualifications", "qualifications_tr"),
        migrations.AlterField(
            model_name="zone", name="name_tr",
            field=models.CharField(max_length=160, verbose_name="name (Turkish)")),
        migrations.AlterField(
            model_name="zone", name="description_tr",
            field=models.TextField(blank=True, verbose_name="profile (Turkish)")),
        migrations.AlterField(
            model_name="zone", name="figures_source_note_tr",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="source note (Turkish)",
                help_text="Who reported the figures and for which year, e.g. “Zone "
                          "management, 2025 annual report”.")),
        migrations.AlterField(
            model_name="vacancy", name="qualifications_tr",
            field=models.TextField(blank=True, verbose_name="qualifications (Turkish)")),
        *_language_columns("zone", "name", lambda label: models.CharField(
            blank=True, max_length=160, verbose_name=label), "name"),
        *_language_columns("zone", "description", lambda label: models.TextField(
            blank=True, verbose_name=label), "profile"),
        *_language_columns("zone", "figures_source_note", lambda label: models.CharField(
            blank=True, max_length=200, verbose_name=label), "source note"),
        *_language_columns("vacancy", "qualifications", lambda label: models.TextField(
            blank=True, verbose_name=label), "qualifications"),
        migrations.AlterModelOptions(
            name="zone",
            options={"ordering": ["name_tr"], "verbose_name": "industrial zone",
                     "verbose_name_plural": "industrial zones"}),
    ]
