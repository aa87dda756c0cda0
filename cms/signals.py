"""Which changes start a new version of the cached public pages (see ``cms.cache``)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from cms.cache import invalidate_public_pages

# Everything the public pages compute from, apart from the field study (see cms.cache).
FIGURE_MODELS = [
    "tracker.Program", "tracker.Phase", "tracker.Milestone", "tracker.PlanVersion",
    "tracker.Pillar", "tracker.Goal", "tracker.Action", "tracker.Task", "tracker.Institution",
    "tracker.Indicator", "tracker.IndicatorTarget", "tracker.IndicatorValue",
    "tracker.ReportingPeriod",
]


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
    m2m_changed.connect(invalidate_public_pages,
                        sender=apps.get_model("tracker.Action").partners.through,
                        dispatch_uid="cms-cache-action-partners")
