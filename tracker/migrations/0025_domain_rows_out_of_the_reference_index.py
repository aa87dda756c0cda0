"""The domain's rows are no longer in Wagtail's reference index (their usage is read
from their foreign keys: tracker/admin_scoping.py); the entries written for them before
are removed. The models that point at the CMS's images and documents stay indexed."""

from django.db import migrations

DOMAIN_APPS = ("tracker", "fieldvisits", "clusters", "directory")
STILL_INDEXED = {("tracker", "institution"), ("tracker", "councilmeeting"),
                 ("tracker", "milestone")}


def remove_domain_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    domain = [pk for pk, app_label, model in ContentType.objects.filter(
        app_label__in=DOMAIN_APPS).values_list("pk", "app_label", "model")
        if (app_label, model) not in STILL_INDEXED]
    ReferenceIndex.objects.filter(base_content_type_id__in=domain).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0024_task_program_required"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    # Going back leaves the index as it is; ``manage.py rebuild_references_index``
    # writes every indexed model's entries again.
    operations = [migrations.RunPython(remove_domain_entries, migrations.RunPython.noop)]
