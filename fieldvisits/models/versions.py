"""A programme's field-study version: a counter the database moves on every write to the
rows behind the programme's field-study figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FiguresVersion(models.Model):
    """How often the rows behind ``program``'s field-study figures were written: firms
    (sector, district), desk assessments, selection decisions, visits and their dated
    events, answers and findings. Database triggers move it in the statement that writes
    the rows, whatever wrote them (a form, a workflow move, a bulk import, a queryset
    ``update()`` or ``delete()``, raw SQL, a correction dated in the past), so a figure
    cached under a version is the figure of the rows as they are while the version holds.
    ``changed_at`` is the moment of the last write: a database restored to an older
    version and written again does not come back to a version it had with other rows.

    The triggers (migration ``0018_figures_version``, which lists the tables) are the
    only writers; ``fieldvisits.published.figures_version`` reads it. A firm's edit moves
    it only when the firm changes sector, district or programme (its name, contacts or
    notes are in no figure).

    The first write of a transaction to a programme's field study takes this row's lock
    until the transaction ends, so writers of one programme commit one after the other
    (none is lost; a long import holds the field agents' saves of the same programme until
    it commits). On SQLite a row-level trigger runs for each row (a 20,000-firm bulk insert
    2.7 → 3.3 s); PostgreSQL moves it once per statement.

    No foreign key constraint: a programme's rows are deleted before the programme, and
    each deletion writes this row again."""

    program = models.OneToOneField("tracker.Program", verbose_name=_("programme"),
                                   primary_key=True, on_delete=models.DO_NOTHING,
                                   db_constraint=False, related_name="+")
    version = models.BigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("field-study figures version")
        verbose_name_plural = _("field-study figures versions")

    def __str__(self):
        return f"{self.program_id}: {self.version}"
