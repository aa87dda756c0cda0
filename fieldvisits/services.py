"""Writes that touch several rows: answers with their visit, selections, attachments."""

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from core.uploads import content_matches, extension_of
from core.workflow import IllegalMove
from fieldvisits.models import (
    Answer,
    Firm,
    SelectionDecision,
    SelectionQuota,
    Submission,
    Visit,
    VisitAttachment,
)
from fieldvisits.queries import version_questions


class SubmissionConflict(Exception):
    """A submission UUID that was already used for different answers."""


class AnswersInvalid(Exception):
    """Answers that cannot be stored; ``errors`` maps a question code to its message."""

    def __init__(self, errors):
        super().__init__(_("Some answers need attention."))
        self.errors = errors


class StaleDraft(Exception):
    """A draft typed before the one the server keeps (or before the visit's submission):
    the newer one stays. ``saved_at`` is when the kept draft was typed."""

    def __init__(self, saved_at):
        super().__init__(_("A newer draft of this visit is already saved (typed at "
                           "%(time)s); this older one was not kept.") % {
            "time": timezone.localtime(saved_at).strftime("%d.%m.%Y %H:%M")})
        self.saved_at = saved_at


@dataclass
class SubmissionResult:
    visit: Visit
    duplicate: bool


def _normalise(raw):
    if isinstance(raw, (list, tuple)):
        return sorted(str(v).strip() for v in raw if str(v).strip())
    return "" if raw is None else str(raw).strip()


def normalised_answers(answers):
    """``answers`` without empty ones, trimmed, choices sorted: what a submission carried."""
    return {code: _normalise(raw) for code, raw in answers.items()
            if _normalise(raw) not in ("", [])}


def payload_hash(visit, answers):
    body = {"visit": visit.pk, "answers": normalised_answers(answers)}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _questions_by_code(visit, questions):
    """``questions`` keyed by code when they are those of ``visit``'s version, as the caller
    loaded them to render the form; otherwise the version's questions, loaded here."""
    if not questions or any(q.section.version_id != visit.questionnaire_version_id
                            for q in questions):
        questions = version_questions(visit.questionnaire_version_id)
    return {q.code: q for q in questions}


def _parse_all(questions, answers):
    """``({code: typed value}, {code: error message})`` for the raw ``answers``."""
    values, errors = {}, {}
    for code, raw in answers.items():
        question = questions.get(code)
        if question is None:
            errors[code] = _("“%(code)s” is not a question of this visit's questionnaire.") % {
                "code": code}
            continue
        try:
            values[code] = question.parse(raw)
        except ValidationError as error:
            errors[code] = " ".join(error.messages)
    return values, errors


def _locked_and_started(visit, by):
    """``visit`` locked for this transaction, opened for answers when it waits for them."""
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.status in (Visit.Status.SCHEDULED, Visit.Status.RETURNED):
        locked.start(by=by)
    return locked


def _write_answers(visit, questions, values, by, *, replace_all):
    """Store ``values`` in one delete and one insert; empty values only delete.

    ``replace_all`` drops every earlier answer of the visit (a submission is the whole
    questionnaire); otherwise only the answers of the questions in ``values`` are replaced.
    """
    earlier = visit.answers.all()
    if not replace_all:
        earlier = earlier.filter(question__in=[questions[code] for code in values])
    earlier.delete()
    Answer.objects.bulk_create(
        Answer.build(visit=visit, question=questions[code], value=value, by=by)
        for code, value in values.items() if value not in (None, [])
    )


@transaction.atomic
def save_draft(*, visit, answers, by, questions=None, typed_at=None):
    """Keep everything typed; store the valid answers. Returns ``{code: error}``.

    ``questions`` are the visit's questions when the caller has them loaded already.
    ``typed_at`` is when a phone kept the draft (now when omitted): the newest draft wins,
    and one typed before the kept draft or the visit's last submission raises
    :class:`StaleDraft` and changes nothing.
    """
    now = timezone.now()
    # A phone whose clock runs ahead must not lock out every later draft.
    typed_at = now if typed_at is None else min(typed_at, now)
    visit = _locked_and_started(visit, by)
    if visit.status != Visit.Status.IN_PROGRESS:
        raise IllegalMove(_("Only a visit in progress takes draft answers."))
    for newer in (visit.draft_saved_at, visit.submitted_at):
        if newer is not None and typed_at < newer:
            raise StaleDraft(newer)
    questions = _questions_by_code(visit, questions)
    values, errors = _parse_all(questions, answers)
    _write_answers(visit, questions, values, by, replace_all=False)
    visit.draft_answers = {code: raw for code, raw in answers.items() if code in questions}
    visit.draft_saved_at = typed_at
    visit.save(update_fields=["draft_answers", "draft_saved_at", "updated_at"])
    return errors


def missing_required(questions, values):
    return [code for code, q in questions.items()
            if q.required and values.get(code) in (None, [])]


def submit_visit(*, visit, answers, submission_uuid, by, questions=None, keep_draft=False):
    """Store ``answers`` and submit the visit, once per ``submission_uuid``.

    The same UUID with the same answers again returns the first result; with other
    answers it raises :class:`SubmissionConflict`. Invalid or missing answers raise
    :class:`AnswersInvalid` and store nothing of the submission; with ``keep_draft``
    what was typed is then kept as the visit's draft, as :func:`save_draft` keeps it.
    ``questions`` are the visit's questions when the caller has them loaded already.
    """
    digest = payload_hash(visit, answers)
    try:
        return _submit_once(visit, answers, submission_uuid, digest, by, questions)
    except AnswersInvalid:
        if keep_draft:
            # The refused submission was rolled back; the draft is kept in a transaction
            # of its own so that the agent's typing survives it.
            save_draft(visit=visit, answers=answers, by=by, questions=questions)
        raise
    except IntegrityError:
        # Another request stored this UUID between our check and our insert.
        existing = Submission.objects.filter(uuid=submission_uuid).first()
        if existing is None:
            raise
        return _replay(existing, visit, digest)


@transaction.atomic
def _submit_once(visit, answers, submission_uuid, digest, by, questions):
    existing = Submission.objects.filter(uuid=submission_uuid).first()
    if existing is not None:
        return _replay(existing, visit, digest)
    locked = _locked_and_started(visit, by)
    # A resend racing the first request waited for the lock that request held: now that
    # it is ours, the first one's submission is visible and decides the answer.
    existing = Submission.objects.filter(uuid=submission_uuid).first()
    if existing is not None:
        return _replay(existing, visit, digest)
    if locked.status != Visit.Status.IN_PROGRESS:
        # Cancelled, closed or approved meanwhile: a refusal of the visit, not of the answers.
        raise IllegalMove(_("This visit is now “%(status)s”; the submission was not "
                                  "stored.") % {"status": locked.get_status_display()})
    questions = _questions_by_code(locked, questions)
    values, errors = _parse_all(questions, answers)
    for code in missing_required(questions, values):
        errors.setdefault(code, _("This question is required."))
    if errors:
        raise AnswersInvalid(errors)
    _write_answers(locked, questions, values, by, replace_all=True)
    locked.submit(by=by)
    Submission.objects.create(uuid=submission_uuid, visit=locked, payload_hash=digest, by=by,
                              answers=normalised_answers(answers))
    return SubmissionResult(visit=locked, duplicate=False)


def _replay(existing, visit, digest):
    if existing.visit_id != visit.pk or existing.payload_hash != digest:
        raise SubmissionConflict(_(
            "This submission code was already used for different answers; nothing was "
            "changed. Reload the visit and submit again."
        ))
    return SubmissionResult(visit=existing.visit, duplicate=True)


ATTACHMENT_TYPES = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf",
    "heic": "image/heic",
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_attachment(upload):
    """Refuse files that are not JPEG, PNG, HEIC or PDF, or larger than 10 MB."""
    extension = extension_of(upload.name)
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(_("Attach a photo (JPEG, PNG, HEIC) or a PDF document."))
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The file is %(size)s MB; the limit is 10 MB.") % {
            "size": round(upload.size / 1024 / 1024, 1)})
    if not content_matches(extension, upload):
        raise ValidationError(_("The file's content does not match its .%(ext)s name.") % {
            "ext": extension})
    return extension


def add_attachment(*, visit, upload, by, client_uuid=None):
    """Store ``upload`` on ``visit``. With ``client_uuid`` (made on the phone) a resend of
    the same file returns the attachment stored the first time."""
    if client_uuid is not None:
        existing = VisitAttachment.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            return _same_attachment(existing, visit)
    extension = validate_attachment(upload)
    attachment = VisitAttachment(
        visit=visit, original_name=upload.name[:255], content_type=ATTACHMENT_TYPES[extension],
        size=upload.size, uploaded_by=by, client_uuid=client_uuid,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except IntegrityError:
        # The same photo arrived twice at once: keep the first, drop this copy's file.
        attachment.file.delete(save=False)
        existing = VisitAttachment.objects.filter(client_uuid=client_uuid).first()
        if existing is None:
            raise
        return _same_attachment(existing, visit)
    return attachment


def _same_attachment(existing, visit):
    if existing.visit_id != visit.pk:
        raise ValidationError(_("This photo code was already used on another visit."))
    return existing


@transaction.atomic
def propose_selection(*, program, total, by):
    """Propose ``total`` firms for visits by priority within sector and district quotas.

    Coordinators' overrides are kept and count against the quotas. Every other
    assessed firm gets a fresh proposal whose reason cites its priority and ranks.
    Returns the number of firms selected.
    """
    firms = list(
        Firm.objects.filter(program=program, assessment__isnull=False)
        .annotate(
            division=Substr("nace_code", 1, 2),
            priority=F("assessment__priority_score"),
            overall=Window(RowNumber(), order_by=[F("assessment__priority_score").desc(),
                                                  F("pk").asc()]),
            in_sector=Window(RowNumber(), partition_by=[Substr("nace_code", 1, 2)],
                             order_by=[F("assessment__priority_score").desc(), F("pk").asc()]),
            in_district=Window(RowNumber(), partition_by=[F("district")],
                               order_by=[F("assessment__priority_score").desc(),
                                         F("pk").asc()]),
        )
        .order_by("-priority", "pk")
    )
    quotas = {(q.stratum, q.value): q.quota for q in SelectionQuota.objects.filter(program=program)}
    overrides = {
        d.firm_id: d for d in SelectionDecision.objects.filter(firm__program=program)
        .exclude(decision=F("proposed_decision"))
    }
    SelectionDecision.objects.filter(firm__program=program).exclude(
        firm_id__in=overrides).delete()
    used = {}
    selected = 0

    def take(firm):
        for key in (("sector", firm.division), ("district", firm.district)):
            used[key] = used.get(key, 0) + 1

    selected_overrides = {
        firm_id for firm_id, d in overrides.items()
        if d.decision == SelectionDecision.Decision.SELECTED
    }
    for firm in firms:
        if firm.pk in selected_overrides:
            take(firm)
            selected += 1
    now = timezone.now()
    decisions = []
    for firm in firms:
        why = _("Priority %(priority)s; rank %(overall)s overall, %(sector)s in sector "
                "%(division)s, %(district_rank)s in %(district)s.") % {
            "priority": firm.priority, "overall": firm.overall, "sector": firm.in_sector,
            "division": firm.division, "district_rank": firm.in_district,
            "district": firm.district}
        full = [key for key in (("sector", firm.division), ("district", firm.district))
                if key in quotas and used.get(key, 0) >= quotas[key]]
        if firm.pk in overrides:
            override = overrides[firm.pk]
            override.overall_rank, override.sector_rank = firm.overall, firm.in_sector
            override.district_rank = firm.in_district
            override.save(update_fields=["overall_rank", "sector_rank", "district_rank"])
            continue
        if selected < total and not full:
            decision = SelectionDecision.Decision.SELECTED
            take(firm)
            selected += 1
        else:
            decision = SelectionDecision.Decision.NOT_SELECTED
            if full:
                why += " " + _("Quota full: %(quota)s.") % {
                    "quota": ", ".join(f"{stratum} {value}" for stratum, value in full)}
            else:
                why += " " + _("Below the %(total)s highest priorities.") % {"total": total}
        decisions.append(SelectionDecision(
            firm=firm, decision=decision, proposed_decision=decision,
            overall_rank=firm.overall, sector_rank=firm.in_sector,
            district_rank=firm.in_district, reason=why, decided_by=by, decided_at=now,
        ))
    SelectionDecision.objects.bulk_create(decisions, batch_size=1000)
    return selected


def override_selection(*, decision, new_decision, reason, by):
    """Record a coordinator's decision against the proposal, with the reason given."""
    if not (reason or "").strip():
        raise ValidationError(_("Say why you override the proposal for this firm."))
    decision.decision = new_decision
    decision.reason = reason.strip()
    decision.decided_by = by
    decision.decided_at = timezone.now()
    decision.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    return decision


def decided_counts(program):
    return dict(
        SelectionDecision.objects.filter(firm__program=program)
        .values_list("decision").annotate(n=models.Count("pk"))
    )
