"""Questionnaire sections, questions, help texts, units and options in every content
language (``core.translation``): each single column becomes its Turkish column, keeping
its text, beside empty English and Persian ones. Options keep their codes in the Turkish
column; a translation gives a label to the same codes."""

from django.db import migrations, models

# (model, field, verbose name, field class, max_length, blank in Turkish)
CONVERTED = [
    ("section", "title", "title", models.CharField, 200, False),
    ("question", "text", "question", models.CharField, 300, False),
    ("question", "help_text", "help text", models.CharField, 300, True),
    ("question", "unit", "unit", models.CharField, 30, True),
    ("question", "choices", "choices", models.TextField, None, True),
]
LANGUAGES = [("tr", "Turkish"), ("en", "English"), ("fa", "Persian")]
CHOICES_HELP = {
    "tr": "Single and multiple choice: one per line, as code|label.",
    "en": "The same codes as the Turkish choices, one per line, as code|label.",
    "fa": "The same codes as the Turkish choices, one per line, as code|label.",
}


def _field(field, kind, label, code, language, max_length, blank):
    options = {"verbose_name": f"{label} ({language})", "blank": blank}
    if max_length:
        options["max_length"] = max_length
    if field == "choices":
        options["help_text"] = CHOICES_HELP[code]
    return kind(**options)


def _operations():
    operations = []
    for model, field, label, kind, max_length, blank in CONVERTED:
        operations.append(migrations.RenameField(model, field, f"{field}_tr"))
        operations.append(migrations.AlterField(
            model_name=model, name=f"{field}_tr",
            field=_field(field, kind, label, "tr", "Turkish", max_length, blank)))
        for code, language in LANGUAGES[1:]:
            operations.append(migrations.AddField(
                model_name=model, name=f"{field}_{code}",
                field=_field(field, kind, label, code, language, max_length, True)))
    return operations


class Migration(migrations.Migration):
    dependencies = [("fieldvisits", "0012_merge_content_languages")]

    operations = _operations()
