"""Occupations coded to ISCO-08, labelled in English (the ILO's titles) and Turkish (the
project's own translation, not TÜİK's; ``data/isco08.csv`` and its ``SOURCE.md``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import pick


class Occupation(models.Model):
    class Level(models.IntegerChoices):
        MAJOR = 1, _("Major group")
        SUB_MAJOR = 2, _("Sub-major group")
        MINOR = 3, _("Minor group")
        UNIT = 4, _("Unit group")

    code = models.CharField(_("ISCO-08 code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey("self", verbose_name=_("parent group"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    label_tr = models.CharField(_("Turkish label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)

    class Meta:
        verbose_name = _("occupation (ISCO-08)")
        verbose_name_plural = _("occupations (ISCO-08)")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def label(self):
        """The label in the reader's language; a reader of another language (Persian: the
        list has no Persian labels) gets the Turkish one, marked as a fallback."""
        return pick({"tr": self.label_tr, "en": self.label_en})
