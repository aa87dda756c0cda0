"""Which changes renew which cached public pages (see ``cms.cache``): a change renews its
own programme's pages, a cluster's change also the national funnel beside every
programme's home page. A change whose programme cannot be told renews every page."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from cms.cache import NATIONAL_CLUSTERS_SCOPE, SITE_SCOPE, program_scope, renew

# Everything the public pages compute from, apart from the field study (see cms.cache),
# with the path from a row to its programme's id.
FIGURE_MODELS = {
    "tracker.Program": "pk",
    "tracker.Phase": "program_id",
    "tracker.Milestone": "phase.program_id",
    "tracker.PlanVersion": "program_id",
    "tracker.Pillar": "plan.program_id",
    "tracker.Goal": "pillar.plan.program_id",
    "tracker.Action": "goal.pillar.plan.program_id",
    "tracker.Task": "action.goal.pillar.plan.program_id",
    "tracker.Institution": "program_id",
    "tracker.Indicator": "program_id",
    "tracker.IndicatorTarget": "indicator.program_id",
    "tracker.IndicatorValue": "indicator.program_id",
    "tracker.ReportingPeriod": "program_id",
    # The cluster funnel on the home pages: a stage change saves the cluster.
    "clusters.Cluster": "program_id",
    # Withdrawing a consent takes the firm off the directory's cached pages at once.
    "directory.Listing": "firm.program_id",
}
# Models whose rows also count in figures every programme's pages show.
NATIONAL_MODELS = {"tracker.Program", "clusters.Cluster"}


def program_id_of(instance, path):
    """The programme id of ``instance`` along ``path`` (one query through the joins at
    most), or ``None`` when a row on the way is gone."""
    if path == "pk":
        return instance.pk
    if "." not in path:
        return getattr(instance, path)
    lookup = path.replace(".", "__").removesuffix("_id")
    return (type(instance)._base_manager.filter(pk=instance.pk)
            .values_list(lookup, flat=True).first())


def partners_changed(instance, **kwargs):
    """An action's partners changed, told from either side."""
    if isinstance(instance, apps.get_model("tracker.Institution")):
        renew(program_scope(instance.program_id))
    else:
        renew_for("tracker.Action")(instance)


def renew_for(label):
    path = FIGURE_MODELS[label]

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
    for label in FIGURE_MODELS:
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
