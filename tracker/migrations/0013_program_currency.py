from django.db import migrations, models


class Migration(migrations.Migration):
    """Each programme names the currency of its amounts (ISO 4217); existing programmes
    were recorded in Turkish lira."""

    dependencies = [("tracker", "0012_merge_program_preference")]

    operations = [
        migrations.AddField(
            model_name="program",
            name="currency",
            field=models.CharField(
                choices=[("TRY", "Turkish lira (TRY)"), ("IRR", "Iranian rial (IRR)"),
                         ("USD", "US dollar (USD)"), ("EUR", "Euro (EUR)")],
                default="TRY",
                help_text="Every amount of the programme (support, financing) is in this "
                          "currency.",
                max_length=3, verbose_name="currency"),
        ),
    ]
