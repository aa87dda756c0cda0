from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from fieldvisits.public import field_study_progress
from tracker.models import Phase


class HomePage(Page):
    """The programme's public front page; its figures are read live at request time."""

    program = models.ForeignKey(
        "tracker.Program", verbose_name=_("programme"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )
    intro = RichTextField(_("introduction"), blank=True)

    # Which programme the page reads is the programme office's decision, not the editor's:
    # without the permission the field is left out of the form, not only hidden.
    content_panels = Page.content_panels + [
        FieldPanel("program", permission="tracker.change_program"), FieldPanel("intro")]

    template = "cms/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.program_id is None:
            return context
        coverage = field_study_progress(self.program)
        phases = list(
            Phase.objects.filter(program_id=self.program_id).with_milestone_counts()
        )
        context["coverage"] = coverage
        context["phases"] = [(phase, *phase.status()) for phase in phases]
        return context
