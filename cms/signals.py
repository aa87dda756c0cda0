"""Which changes start a new version of the cached public pages (see ``cms.cache``), and
which have the worker rewrite a programme's site search rows (see ``cms.site_search``)."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.cache import invalidate_public_pages
from cms.jobs import refresh_site_search
from cms.models import HomePage

# Everything the public pages compute from, apart from the field study (see cms.cache).
FIGURE_MODELS = [
    "tracker.Program", "tracker.Phase", "tracker.Milestone", "tracker.PlanVersion",
    "tracker.Pillar", "tracker.Goal", "tracker.Action", "tracker.Task", "tracker.Institution",
    "tracker.Indicator", "tracker.IndicatorTarget", "tracker.IndicatorValue",
    "tracker.ReportingPeriod",
    # The cluster funnel on the home page: a stage change saves the cluster.
    "clusters.Cluster",
]


# A report counts once it is published: publishing, withdrawing and deleting a published
# one change what the reports page and the home page list.
PUBLISHED_FIELDS = frozenset({"published_at", "published_by"})


def report_saved(instance, update_fields=None, **kwargs):
    if instance.published_at is not None or PUBLISHED_FIELDS.intersection(update_fields or ()):
        invalidate_public_pages()


def report_deleted(instance, **kwargs):
    if instance.published_at is not None:
        invalidate_public_pages()


def connect():
    page_published.connect(invalidate_public_pages, dispatch_uid="cms-cache-published")
    page_unpublished.connect(invalidate_public_pages, dispatch_uid="cms-cache-unpublished")
    post_delete.connect(invalidate_public_pages, sender="wagtailcore.Page",
                        dispatch_uid="cms-cache-page-deleted")
    for label in FIGURE_MODELS:
        model = apps.get_model(label)
        post_save.connect(invalidate_public_pages, sender=model,
                          dispatch_uid=f"cms-cache-save-{label}")
        post_delete.connect(invalidate_public_pages, sender=model,
                            dispatch_uid=f"cms-cache-delete-{label}")
    post_save.connect(report_saved, sender="reports.Report", dispatch_uid="cms-cache-report-saved")
    post_delete.connect(report_deleted, sender="reports.Report",
                        dispatch_uid="cms-cache-report-deleted")
    m2m_changed.connect(invalidate_public_pages,
                        sender=apps.get_model("tracker.Action").partners.through,
                        dispatch_uid="cms-cache-action-partners")
    connect_site_search()


# What a change of each model can alter in the search rows, as the path from the changed
# row to its programme. A capability counts only when its firm is listed; imports and
# reports have their own handlers below.
PROGRAM_PATHS = {
    "tracker.Program": "pk", "tracker.Phase": "program", "tracker.Milestone": "phase__program",
    "tracker.PlanVersion": "program", "tracker.Pillar": "plan__program",
    "tracker.Goal": "pillar__plan__program", "tracker.Action": "goal__pillar__plan__program",
    "tracker.Institution": "program", "tracker.Indicator": "program",
    "directory.Listing": "firm__program",
    "fieldvisits.Capability": "firm__listing__firm__program",
}


def program_of(instance):
    """The programme id whose search rows ``instance`` feeds, or ``None``."""
    if isinstance(instance, Page):
        return (HomePage.objects.ancestor_of(instance, inclusive=True)
                .values_list("program_id", flat=True).first())
    path = PROGRAM_PATHS[instance._meta.label]
    return (type(instance)._base_manager.filter(pk=instance.pk)
            .values_list(path, flat=True).first())


def refresh_after_commit(program_id):
    """Have the worker rewrite ``program_id``'s rows once the transaction commits; many
    changes in one transaction ask once."""
    if program_id is None:
        return
    waiting = transaction.get_connection().run_on_commit
    if any(getattr(callback, "search_program_id", None) == program_id
           for _savepoints, callback, *_rest in waiting):
        return

    def enqueue():
        refresh_site_search.enqueue(program_id)

    enqueue.search_program_id = program_id
    transaction.on_commit(enqueue)


def content_changed(instance, **kwargs):
    refresh_after_commit(program_of(instance))


def report_changed(instance, update_fields=None, **kwargs):
    # A report is saved many times while it is drawn; only its publication shows.
    if instance.published_at is not None or {"published_at"} & set(update_fields or ()):
        refresh_after_commit(instance.program_id)


def import_finished(instance, **kwargs):
    if instance.status == instance.Status.DONE:
        refresh_after_commit(instance.program_id)


def connect_site_search():
    """A change to what the site search holds has the worker rewrite its programme's rows
    (deletions are seen before the row goes, while its programme can still be found)."""
    page_published.connect(content_changed, dispatch_uid="search-published")
    page_unpublished.connect(content_changed, dispatch_uid="search-unpublished")
    pre_delete.connect(content_changed, sender="wagtailcore.Page",
                       dispatch_uid="search-page-deleted")
    post_save.connect(import_finished, sender="tracker.ImportRun",
                      dispatch_uid="search-import")
    post_save.connect(report_changed, sender="reports.Report",
                      dispatch_uid="search-report-saved")
    pre_delete.connect(report_changed, sender="reports.Report",
                       dispatch_uid="search-report-deleted")
    for label in PROGRAM_PATHS:
        post_save.connect(content_changed, sender=label,
                          dispatch_uid=f"search-save-{label}")
        pre_delete.connect(content_changed, sender=label,
                           dispatch_uid=f"search-delete-{label}")
