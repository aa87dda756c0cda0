"""The programme's name and description and the council's meeting titles and decisions in
every content language (``core.translation``): each single column becomes its Turkish
column, keeping its text, beside empty English and Persian ones."""

from django.db import migrations, models

# (model, field, verbose name, field class, max_length, blank in Turkish)
CONVERTED = [
    ("program", "name", "name", models.CharField, 200, False),
    ("program", "description", "description", models.TextField, None, True),
    ("councilmeeting", "title", "title", models.CharField, 200, False),
    ("decision", "text", "decision", models.TextField, None, False),
]
LANGUAGES = [("tr", "Turkish"), ("en", "English"), ("fa", "Persian")]


def _field(kind, label, language, max_length, blank):
    options = {"verbose_name": f"{label} ({language})", "blank": blank}
    if max_length:
        options["max_length"] = max_length
    return kind(**options)


def _operations():
    operations = []
    for model, field, label, kind, max_length, blank in CONVERTED:
        operations.append(migrations.RenameField(model, field, f"{field}_tr"))
        operations.append(migrations.AlterField(
            model_name=model, name=f"{field}_tr",
            field=_field(kind, label, "Turkish", max_length, blank)))
        for code, language in LANGUAGES[1:]:
            operations.append(migrations.AddField(
                model_name=model, name=f"{field}_{code}",
                field=_field(kind, label, language, max_length, True)))
    return operations


class Migration(migrations.Migration):
    dependencies = [("tracker", "0017_merge_content_languages")]

    operations = [
        *_operations(),
        migrations.AlterModelOptions(
            name="program",
            options={"ordering": ["-start_date", "name_tr"],
                     "permissions": [("view_portfolio",
                                      "Can compare every programme (national portfolio)")],
                     "verbose_name": "programme", "verbose_name_plural": "programmes"},
        ),
    ]
