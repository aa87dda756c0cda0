"""Which changes start a new version of the cached public pages (see ``cms.cache``)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from cms import site_search
from cms.cache import invalidate_public_pages

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


def connect_site_search():
    """A change to what the site search holds has the worker rewrite its programme's rows
    (deletions are seen before the row goes, while its programme can still be found)."""
    page_published.connect(site_search.content_changed, dispatch_uid="search-published")
    page_unpublished.connect(site_search.content_changed, dispatch_uid="search-unpublished")
    pre_delete.connect(site_search.content_changed, sender="wagtailcore.Page",
                       dispatch_uid="search-page-deleted")
    post_save.connect(site_search.import_finished, sender="tracker.ImportRun",
                      dispatch_uid="search-import")
    post_save.connect(site_search.report_changed, sender="reports.Report",
                      dispatch_uid="search-report-saved")
    pre_delete.connect(site_search.report_changed, sender="reports.Report",
                       dispatch_uid="search-report-deleted")
    for label in site_search.PROGRAM_PATHS:
        post_save.connect(site_search.content_changed, sender=label,
                          dispatch_uid=f"search-save-{label}")
        pre_delete.connect(site_search.content_changed, sender=label,
                           dispatch_uid=f"search-delete-{label}")
