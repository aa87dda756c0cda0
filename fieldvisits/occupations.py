"""The occupations of the workforce questions and the answers every workforce figure is
counted from (``fieldvisits.workforce`` for the figures, ``fieldvisits.published`` for
their protected table)."""

from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from fieldvisits.models import Answer, Visit
from tracker.models import Program

QUESTION_PREFIX = "workforce_"
OCCUPATIONS = {
    "welder": _("Welder"),
    "cnc_operator": _("CNC operator"),
    "turner": _("Turner"),
    "software_developer": _("Software developer"),
    "designer": _("Designer"),
    "other": _("Other occupations"),
}


def question_code(occupation):
    return f"{QUESTION_PREFIX}{occupation}"


def occupation_choices():
    return [(code, str(label)) for code, label in OCCUPATIONS.items()]


def _program_filter(programs):
    if isinstance(programs, Program | int):
        return Q(visit__program=programs)
    return Q(visit__program__in=programs)


def counted_answers(programs, *, sector=None, district=None, occupation=None, as_of=None):
    """The answers behind every figure: a positive number of people for an occupation, on
    the latest approved visit of each firm of ``programs`` (a programme, an id, or a
    queryset or list of either); with ``as_of``, the latest visit approved by the end of
    that day."""
    approved = (Visit.objects.filter(status=Visit.Status.APPROVED) if as_of is None
                else Visit.objects.approved_as_of(as_of))
    latest = (approved.filter(firm=OuterRef("visit__firm"))
              .order_by(F("submitted_at").desc(nulls_last=True), "-pk").values("pk")[:1])
    codes = [question_code(occupation)] if occupation else [question_code(o) for o in OCCUPATIONS]
    answers = Answer.objects.filter(
        _program_filter(programs), question__code__in=codes, value_number__gt=0,
        visit=Subquery(latest),
    )
    if sector:
        answers = answers.filter(visit__firm__nace_code=sector)
    if district:
        answers = answers.filter(visit__firm__district=district)
    return answers.order_by()
