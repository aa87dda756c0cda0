"""What the supervisor's review shows: every answer with what changed since the visit was
returned, the earlier return comments, and the review queue's filters."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fieldvisits.models import Question
from fieldvisits.queries import version_questions
from fieldvisits.sectors import division_label


def _shown(question, raw):
    """A submitted raw value as the reader reads it: labels for codes, local numbers."""
    if raw in (None, "", []):
        return "—"
    labels = dict(question.choice_list())
    if isinstance(raw, list):
        return ", ".join(str(labels.get(code, code)) for code in raw)
    if question.kind == Question.Kind.YES_NO:
        return str(_("Yes") if raw.lower() in ("yes", "true", "1") else _("No"))
    if question.kind in Question.NUMERIC_KINDS:
        try:
            shown = number_format(Decimal(raw.replace(",", ".")), use_l10n=True)
        except InvalidOperation:
            return raw
        if question.kind == Question.Kind.PERCENTAGE:
            return _("%(value)s%%") % {"value": shown}
        return f"{shown} {question.unit}".strip()
    return str(labels.get(raw, raw))


def review_rows(visit):
    """One row per question answered now or in the previous submission: the answer, and on
    a resubmission whether it changed and what it was."""
    submissions = list(visit.submissions.order_by("-received_at", "-pk")[:2])
    previous = submissions[1].answers if len(submissions) > 1 else None
    answers = {a.question_id: a for a in visit.answers.select_related("question")}
    rows = []
    for question in version_questions(visit.questionnaire_version_id):
        answer = answers.get(question.pk)
        was = None if previous is None else previous.get(question.code)
        if answer is None and was is None:
            continue
        now = answer.form_value() if answer is not None else None
        changed = previous is not None and _comparable(now) != _comparable(was)
        rows.append({"question": question, "answer": answer,
                     "shown": answer.display_value() if answer is not None else "—",
                     "changed": changed, "was": _shown(question, was) if changed else ""})
    return rows, previous is not None


def _comparable(value):
    if value is None:
        return None
    if isinstance(value, list):
        return sorted(value)
    try:
        return Decimal(str(value).replace(",", ".")).normalize()
    except InvalidOperation:
        return str(value).strip()


def earlier_returns(visit):
    """The comments of every return so far, oldest first, with who returned it and when."""
    returns = {}
    for comment in visit.review_comments.select_related("question", "by").order_by("at", "pk"):
        key = (comment.at.replace(microsecond=0), comment.by_id)
        returns.setdefault(key, {"at": comment.at, "by": comment.by, "comments": []})
        returns[key]["comments"].append(comment)
    return list(returns.values())


def draft_rows(visit):
    """The draft the agent's phone last sent, as typed, for the supervisor to follow."""
    draft = visit.draft_answers
    return [(question, _shown(question, draft[question.code]))
            for question in version_questions(visit.questionnaire_version_id)
            if draft.get(question.code) not in ("", [], None)]


def filter_queue(visits, params):
    """The submitted visits filtered by agent, district, sector and submission dates, the
    longest waiting first. Returns ``(visits, choices, chosen)``."""
    chosen = {key: (params.get(key) or "").strip()
              for key in ("agent", "district", "sector", "since", "until")}
    options = {
        "agents": sorted({(v.agent_id, v.agent.get_full_name() or v.agent.username)
                          for v in visits.select_related("agent") if v.agent_id},
                         key=lambda pair: pair[1].casefold()),
        "districts": sorted(set(visits.values_list("firm__district", flat=True)) - {""}),
        "sectors": [(division, f"{division} {division_label(division)}") for division in
                    sorted(set(visits.annotate(division=Substr("firm__nace_code", 1, 2))
                               .values_list("division", flat=True)) - {""})],
    }
    if chosen["agent"].isdigit():
        visits = visits.filter(agent_id=int(chosen["agent"]))
    if chosen["district"]:
        visits = visits.filter(firm__district=chosen["district"])
    if chosen["sector"]:
        visits = visits.filter(firm__nace_code__startswith=chosen["sector"])
    for key, lookup in (("since", "submitted_at__date__gte"), ("until", "submitted_at__date__lte")):
        try:
            visits = visits.filter(**{lookup: datetime.date.fromisoformat(chosen[key])})
        except ValueError:
            chosen[key] = ""
    return visits.order_by("submitted_at", "pk"), options, chosen


def waiting_days(visit):
    if visit.submitted_at is None:
        return 0
    return (timezone.now() - visit.submitted_at).days
