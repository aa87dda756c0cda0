"""The occupations of the workforce questions and the answers every workforce figure is
counted from (``fieldvisits.workforce`` for the figures, ``fieldvisits.published`` for
their protected table)."""

from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from fieldvisits.models import Answer, Question, Visit
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


def _program_filter(programs, path="visit__program"):
    if isinstance(programs, Program | int):
        return Q(**{path: programs})
    return Q(**{f"{path}__in": programs})


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
    # The programmes' own workforce questions, a handful of ids: the answers are read
    # through the question index from those, rather than every answer of the programmes'
    # visits being matched to its question (a lookup per answer).
    questions = Question.objects.filter(
        _program_filter(programs, "section__version__questionnaire__program"),
        code__in=codes).values("pk")
    answers = Answer.objects.filter(
        _program_filter(programs), question__in=questions, question__code__in=codes,
        value_number__gt=0, visit=Subquery(latest),
    )
    if sector:
        answers = answers.filter(visit__firm__nace_code=sector)
    if district:
        answers = answers.filter(visit__firm__district=district)
    return answers.order_by()
