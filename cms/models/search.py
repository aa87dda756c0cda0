"""The site search's table: one row per thing a reader of one language can find on a
programme's site (``cms.site_search`` writes and reads it)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One thing a reader of ``language`` can find on ``program``'s site."""

    class Kind(models.TextChoices):
        PAGE = "page", _("Page")
        NEWS = "news", _("News")
        PHASE = "phase", _("Phase")
        MILESTONE = "milestone", _("Milestone")
        PILLAR = "pillar", _("Pillar")
        GOAL = "goal", _("Goal")
        ACTION = "action", _("Action")
        INDICATOR = "indicator", _("Indicator")
        REPORT = "report", _("Report")
        FIRM = "firm", _("Firm")

    program = models.ForeignKey("tracker.Program", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # A firm's row: shown only while this listing is public.
    listing = models.ForeignKey("directory.Listing", on_delete=models.CASCADE, null=True,
                                related_name="+")
    # Turkish lower case (``turkish_lower``) for the text-search configuration…
    title_lowered = models.TextField(default="")
    body_lowered = models.TextField(default="")
    # …and fully folded, each word after a space, for prefix matching.
    title_folded = models.TextField(default="")
    text_folded = models.TextField(default="")
    # PostgreSQL only (filled by ``rebuild_search_index``, GIN-indexed); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["program", "language", "kind", "object_id"], name="unique_search_entry")]
        indexes = [models.Index(fields=["program", "language"], name="search_entry_site")]

    def __str__(self):
        return self.title
