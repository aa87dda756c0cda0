import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    """``amount_try`` becomes ``amount``, in the currency of the cluster's programme (the
    values stay: every programme so far was in Turkish lira); room for rial amounts."""

    dependencies = [
        ("clusters", "0002_centre_staff_and_scores_edited_inline"),
        ("tracker", "0013_program_currency"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="supportdelivery",
                                    name="support_has_amount_or_places"),
        migrations.RenameField(model_name="supportdelivery", old_name="amount_try",
                               new_name="amount"),
        migrations.RenameField(model_name="financingapplication", old_name="amount_try",
                               new_name="amount"),
        migrations.AlterField(
            model_name="supportdelivery", name="amount",
            field=models.DecimalField(
                blank=True, decimal_places=2, help_text="In the programme's currency.",
                max_digits=18, null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="amount"),
        ),
        migrations.AlterField(
            model_name="financingapplication", name="amount",
            field=models.DecimalField(
                blank=True, decimal_places=2, help_text="In the programme's currency.",
                max_digits=18, null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="amount requested"),
        ),
        migrations.AddConstraint(
            model_name="supportdelivery",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__isnull", False), ("places__isnull", False),
                                   _connector="OR"),
                name="support_has_amount_or_places",
                violation_error_message="Give an amount, a number of places or both."),
        ),
    ]
