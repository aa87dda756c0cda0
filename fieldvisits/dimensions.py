"""The seven dimensions of firm maturity the programme assesses and acts on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    PRODUCTIVITY = "productivity", _("Productivity")
    DIGITALISATION = "digitalisation", _("Digitalisation")
    GREEN = "green", _("Green transformation")
    RND = "rnd", _("R&D and innovation")
    INSTITUTIONALISATION = "institutionalisation", _("Institutionalisation")
    EXPORT_READINESS = "export_readiness", _("Export readiness")
    CLUSTERING = "clustering", _("Clustering and cooperation")


# How much a gap on each dimension weighs in a firm's priority for an on-site visit:
# the programme is about exports, so export readiness counts double.
PRIORITY_WEIGHTS = {
    Dimension.PRODUCTIVITY: 1,
    Dimension.DIGITALISATION: 1,
    Dimension.GREEN: 1,
    Dimension.RND: 1,
    Dimension.INSTITUTIONALISATION: 1,
    Dimension.EXPORT_READINESS: 2,
    Dimension.CLUSTERING: 1,
}
