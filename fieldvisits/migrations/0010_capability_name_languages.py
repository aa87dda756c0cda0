"""Capability names in every content language (``core.translation``): the name becomes
its Turkish column, keeping its text."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("fieldvisits", "0009_merge_firm_address")]

    operations = [migrations.RenameField("capability", "name", "name_tr")]
