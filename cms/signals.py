"""Which changes renew which cached public pages (see ``cms.cache``): a change renews its
own programme's pages, a cluster's change also the national funnel beside every
programme's home page. A change whose programme cannot be told renews every page. Changes
to what the site search holds have the worker rewrite that programme's search rows (see
``cms.site_search``)."""

import contextlib
import threading
from typing import NamedTuple

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.cache import NATIONAL_CLUSTERS_SCOPE, SITE_SCOPE, program_scope, renew
from cms.jobs import refresh_site_search
from cms.models import HomePage


class Watched(NamedTuple):
    """A model whose changes matter to the public site: the lookup from a row to its
    programme's id, whether a change renews the cached pages (see ``cms.cache``) and
    whether it feeds the site search rows (see ``cms.site_search``)."""

    path: str
    pages: bool = True
    search: bool = True


# Everything the public pages compute from (apart from the field study, see cms.cache)
# and everything the site search holds; imports, reports and pages have their own
# handlers below.
WATCHED = {
    "tracker.Program": Watched("pk"),
    "tracker.Phase": Watched("program"),
    "tracker.Milestone": Watched("phase__program"),
    "tracker.PlanVersion": Watched("program"),
    "tracker.Pillar": Watched("plan__program"),
    "tracker.Goal": Watched("pillar__plan__program"),
    "tracker.Action": Watched("goal__pillar__plan__program"),
    "tracker.Task": Watched("program", search=False),
    "tracker.Institution": Watched("program"),
    "tracker.Indicator": Watched("program"),
    "tracker.IndicatorTarget": Watched("indicator__program", search=False),
    "tracker.IndicatorValue": Watched("indicator__program", search=False),
    "tracker.ReportingPeriod": Watched("program", search=False),
    # The cluster funnel on the home pages: a stage change saves the cluster.
    "clusters.Cluster": Watched("program", search=False),
    # Withdrawing a consent takes the firm off the directory's cached pages at once.
    "directory.Listing": Watched("firm__program"),
    # A capability is searched only while its firm is listed.
    "fieldvisits.Capability": Watched("firm__listing__firm__program", pages=False),
    # The zone pages: a zone's profile and figures, its firms, vacancies and placements.
    "zones.Zone": Watched("program", search=False),
    "zones.ZoneFirm": Watched("zone__program", search=False),
    "zones.Vacancy": Watched("zone__program", search=False),
    "zones.Candidacy": Watched("vacancy__zone__program", search=False),
}
# Models whose rows also count in figures every programme's pages show.
NATIONAL_MODELS = {"tracker.Program", "clusters.Cluster"}


def program_id_of(instance, path):
    """The programme id of ``instance`` along ``path`` (a lookup; one query through the
    joins at most), or ``None`` when a row on the way is gone."""
    if path == "pk":
        return instance.pk
    if "__" not in path:
        return getattr(instance, f"{path}_id")
    return (type(instance)._base_manager.filter(pk=instance.pk)
            .values_list(path, flat=True).first())


def partners_changed(instance, **kwargs):
    """An action's partners changed, told from either side."""
    if isinstance(instance, apps.get_model("tracker.Institution")):
        renew(program_scope(instance.program_id))
    else:
        renew_for("tracker.Action")(instance)


def renew_for(label):
    path = WATCHED[label].path

    def receiver(instance, **kwargs):
        program_id = program_id_of(instance, path)
        scopes = [program_scope(program_id)] if program_id is not None else [SITE_SCOPE]
        if label in NATIONAL_MODELS:
            scopes.append(NATIONAL_CLUSTERS_SCOPE)
        renew(*scopes)

    return receiver


def renew_page(instance, **kwargs):
    """A page published, withdrawn or deleted renews its own programme's pages (menus and
    lists of its site)."""
    home_model = apps.get_model("cms.HomePage")
    program_id = (home_model.objects.ancestor_of(instance, inclusive=True)
                  .values_list("program_id", flat=True).first())
    renew(program_scope(program_id) if program_id else SITE_SCOPE)


# A report counts once it is published: publishing, withdrawing and deleting a published
# one change what the reports page and the home page list.
PUBLISHED_FIELDS = frozenset({"published_at", "published_by"})


def report_saved(instance, update_fields=None, **kwargs):
    if instance.published_at is not None or PUBLISHED_FIELDS.intersection(update_fields or ()):
        renew(program_scope(instance.program_id))


def report_deleted(instance, **kwargs):
    if instance.published_at is not None:
        renew(program_scope(instance.program_id))


def connect():
    page_published.connect(renew_page, dispatch_uid="cms-cache-published")
    page_unpublished.connect(renew_page, dispatch_uid="cms-cache-unpublished")
    pre_delete.connect(renew_page, sender="wagtailcore.Page",
                       dispatch_uid="cms-cache-page-deleted")
    for label in (label for label, watched in WATCHED.items() if watched.pages):
        model = apps.get_model(label)
        receiver = renew_for(label)
        post_save.connect(receiver, sender=model, weak=False,
                          dispatch_uid=f"cms-cache-save-{label}")
        # Before the row goes, while the way to its programme is still there.
        pre_delete.connect(receiver, sender=model, weak=False,
                           dispatch_uid=f"cms-cache-delete-{label}")
    post_save.connect(report_saved, sender="reports.Report", dispatch_uid="cms-cache-report-saved")
    pre_delete.connect(report_deleted, sender="reports.Report",
                       dispatch_uid="cms-cache-report-deleted")
    m2m_changed.connect(partners_changed,
                        sender=apps.get_model("tracker.Action").partners.through,
                        dispatch_uid="cms-cache-action-partners")
    connect_site_search()


def program_of(instance):
    """The programme id whose search rows ``instance`` feeds, or ``None``."""
    if isinstance(instance, Page):
        return (HomePage.objects.ancestor_of(instance, inclusive=True)
                .values_list("program_id", flat=True).first())
    return program_id_of(instance, WATCHED[instance._meta.label].path)


_written_after = threading.local()


@contextlib.contextmanager
def search_rows_written_after():
    """For a bulk load that writes the search rows itself when it is done (the demo):
    inside the block no change looks up its programme or asks the worker to rewrite that
    programme's rows, which a load of many pages and rows in several programmes asked for
    once per programme and did again after the load's own rewrite. Per thread; outside
    the block every change asks as before."""
    before = getattr(_written_after, "active", False)
    _written_after.active = True
    try:
        yield
    finally:
        _written_after.active = before


def _deferred():
    return getattr(_written_after, "active", False)


def refresh_after_commit(program_id):
    """Have the worker rewrite ``program_id``'s rows once the transaction commits; many
    changes in one transaction ask once."""
    if program_id is None or _deferred():
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
    if not _deferred():
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
    for label in (label for label, watched in WATCHED.items() if watched.search):
        post_save.connect(content_changed, sender=label,
                          dispatch_uid=f"search-save-{label}")
        pre_delete.connect(content_changed, sender=label,
                           dispatch_uid=f"search-delete-{label}")
