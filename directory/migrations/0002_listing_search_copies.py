"""Listings keep one search copy per place a directory search weighs; on PostgreSQL a
trigram index serves the substring match over all of them."""

from django.db import migrations, models

from core.postgres import on_postgresql
from directory.models.listings import search_copies

COLUMNS = ["search_made", "search_materials", "search_certifications", "search_sector",
           "search_other", "search_all"]


def fill_search_copies(apps, schema_editor):
    Listing = apps.get_model("directory", "Listing")
    listings = list(Listing.objects.select_related("firm").prefetch_related(
        "firm__capabilities"))
    for listing in listings:
        for name, value in search_copies(listing, listing.firm.capabilities.all()).items():
            setattr(listing, name, value)
    Listing.objects.bulk_update(listings, COLUMNS, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0001_listings_and_enquiries"),
    ]

    operations = [
        migrations.RemoveField(model_name="listing", name="search_folded"),
        *[migrations.AddField(model_name="listing", name=name,
                              field=models.TextField(default="", editable=False))
          for name in COLUMNS],
        migrations.RunPython(fill_search_copies, migrations.RunPython.noop),
        on_postgresql(["CREATE EXTENSION IF NOT EXISTS pg_trgm",
                       "CREATE INDEX IF NOT EXISTS directory_listing_search_all_trgm "
                       "ON directory_listing USING gin (search_all gin_trgm_ops)"],
                      ["DROP INDEX IF EXISTS directory_listing_search_all_trgm"]),
    ]
