"""Keep the listings' search copies (``Listing.search_*``) in step with what they copy:
the firm's trade name and sector, its capabilities, and imports that write them in bulk."""

from django.db.models.signals import post_delete, post_save

from directory.models import Listing


def firm_changed(instance, created=False, **kwargs):
    if created:
        return
    Listing.objects.filter(firm_id=instance.pk).refresh_search()


def capability_changed(instance, **kwargs):
    Listing.objects.filter(firm_id=instance.firm_id).refresh_search()


def import_finished(instance, **kwargs):
    # Imports write firms and capabilities in bulk, past the signals above.
    if instance.status == instance.Status.DONE:
        Listing.objects.filter(firm__program_id=instance.program_id).refresh_search()


def connect():
    post_save.connect(firm_changed, sender="fieldvisits.Firm",
                      dispatch_uid="directory-search-firm")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(capability_changed, sender="fieldvisits.Capability",
                       dispatch_uid=f"directory-search-capability-{name}")
    post_save.connect(import_finished, sender="tracker.ImportRun",
                      dispatch_uid="directory-search-import")
