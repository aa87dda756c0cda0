"""A listing's capacity in every content language (``core.translation``): the capacity
becomes its Turkish column, keeping its text."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_listing_search_copies")]

    operations = [migrations.RenameField("listing", "capacity", "capacity_tr")]
