"""Writes of the zones and the career portal that touch several rows: vacancies drafted from
a visit, a job seeker's registration, verification and erasure, a candidacy's moves."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.history import relabel_log_entries
from core.workflow import IllegalMove
from fieldvisits.models import Answer
from fieldvisits.workforce import QUESTION_PREFIX
from tracker.models import Indicator, IndicatorValue, ReportingPeriod, end_of_day
from zones.models import (
    CANDIDACY_WORKFLOW,
    Candidacy,
    CandidacyEvent,
    CvAccess,
    JobSeeker,
    Occupation,
    Vacancy,
    ZoneFirm,
)
from zones.occupations import WORKFORCE_ISCO

TOKEN_SALT = "zones.job-seeker"
TOKEN_MAX_AGE = 60 * 60 * 24 * 7
# Reminded this long before the retention period ends.
REMINDER_DAYS = 30


class NoZone(Exception):
    """The firm is in no zone of the programme, so its vacancy has no place."""


@transaction.atomic
def draft_vacancies_from_visit(*, visit, by):
    """Turn the workforce needs the firm reported on ``visit`` into draft, unpublished
    vacancies of the firm's zone, one per occupation code; needs already drafted from this
    visit are not drafted twice. Returns the new vacancies."""
    zone_row = ZoneFirm.objects.filter(firm=visit.firm_id).select_related("zone").first()
    if zone_row is None:
        raise NoZone(_("%(firm)s is in no industrial zone; place it in one first.")
                     % {"firm": visit.firm})
    needs = (Answer.objects.filter(visit=visit, question__code__startswith=QUESTION_PREFIX,
                                   value_number__gt=0)
             .values_list("question__code", "value_number"))
    wanted = {}
    for code, people in needs:
        isco = WORKFORCE_ISCO.get(code.removeprefix(QUESTION_PREFIX))
        if isco:
            wanted[isco] = wanted.get(isco, 0) + int(people)
    occupations = Occupation.objects.in_bulk(list(wanted), field_name="code")
    drafted = set(Vacancy.objects.filter(source_visit=visit)
                  .values_list("occupation__code", flat=True))
    return Vacancy.objects.bulk_create([
        Vacancy(zone=zone_row.zone, firm=visit.firm, occupation=occupations[code],
                positions=people, source_visit=visit, posted_by=by,
                status=Vacancy.Status.DRAFT, published=False)
        for code, people in sorted(wanted.items()) if code not in drafted
    ])


def open_vacancy(vacancy):
    Vacancy.objects.filter(pk=vacancy.pk, status=Vacancy.Status.DRAFT).update(
        status=Vacancy.Status.OPEN, opened_at=timezone.now())


def job_seeker_token(job_seeker):
    return signing.dumps({"seeker": job_seeker.pk}, salt=TOKEN_SALT)


def job_seeker_from_token(token):
    """The job seeker a link's token names, or ``None`` when it is forged, expired or the
    account was erased."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)["seeker"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return JobSeeker.objects.active().filter(pk=pk).first()


def send_job_seeker_mail(template, job_seeker, context):
    with translation.override(context.get("language", settings.LANGUAGE_CODE)):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}.txt", context)
    send_mail(subject, body, None, [job_seeker.email])


@transaction.atomic
def register_job_seeker(*, program, consent, fields, occupations, link_base):
    """Record a job seeker with the consent version accepted and when, and send the
    verification link (``link_base`` + token)."""
    now = timezone.now()
    job_seeker = JobSeeker.objects.create(program=program, consent=consent, consented_at=now,
                                          created_at=now, last_active_at=now, **fields)
    job_seeker.occupations.set(occupations)
    transaction.on_commit(lambda: send_job_seeker_mail("job_seeker_verify", job_seeker, {
        "job_seeker": job_seeker, "link": link_base + job_seeker_token(job_seeker),
        "language": translation.get_language()}))
    return job_seeker


def verify_email(job_seeker):
    JobSeeker.objects.filter(pk=job_seeker.pk, email_verified_at__isnull=True).update(
        email_verified_at=timezone.now())
    touch(job_seeker)


def touch(job_seeker):
    """The job seeker acted: the retention period starts again."""
    JobSeeker.objects.filter(pk=job_seeker.pk).update(last_active_at=timezone.now(),
                                                     reminded_at=None)


def export_own_data(job_seeker):
    """Everything held about ``job_seeker``, for their own download."""
    return {
        "first_name": job_seeker.first_name, "last_name": job_seeker.last_name,
        "email": job_seeker.email, "phone": job_seeker.phone,
        "district": job_seeker.district, "education": job_seeker.education,
        "experience_years": job_seeker.experience_years, "experience": job_seeker.experience,
        "certificates": job_seeker.certificate_list, "availability": job_seeker.availability,
        "occupations": [{"code": o.code, "label_tr": o.label_tr, "label_en": o.label_en}
                        for o in job_seeker.occupations.all()],
        "cv_file": bool(job_seeker.cv_file),
        "wants_notifications": job_seeker.wants_notifications,
        "consent": {"version": job_seeker.consent.version,
                    "accepted_at": job_seeker.consented_at.isoformat(),
                    "retention_months": job_seeker.consent.retention_months},
        "email_verified_at": (job_seeker.email_verified_at.isoformat()
                              if job_seeker.email_verified_at else None),
        "registered_at": job_seeker.created_at.isoformat(),
        "candidacies": [
            {"occupation": c.vacancy.occupation.code, "firm": c.vacancy.firm.trade_name,
             "status": c.status, "proposed_at": c.proposed_at.isoformat()}
            for c in job_seeker.candidacies.select_related("vacancy__occupation",
                                                            "vacancy__firm")],
        "cv_accesses": [{"at": a.at.isoformat(), "reason": a.reason}
                        for a in job_seeker.cv_accesses.all()],
    }


@transaction.atomic
def erase_job_seeker(*, job_seeker):
    """Remove every personal datum of ``job_seeker``: the fields, the occupations chosen,
    the CV file, the notes of their candidacies' events, the reasons of CV reads and the
    name the admin's history logged their record and candidacies under. The row stays,
    anonymous, with its candidacies' outcomes, so counts survive."""
    locked = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    if locked.erased_at:
        return locked
    if locked.cv_file:
        stored = locked.cv_file.name
        storage = locked.cv_file.storage
        transaction.on_commit(lambda: storage.delete(stored))
    locked.occupations.clear()
    CandidacyEvent.objects.filter(candidacy__job_seeker=locked).update(note="")
    CvAccess.objects.filter(job_seeker=locked).update(reason="")
    JobSeeker.objects.filter(pk=locked.pk).update(
        first_name="", last_name="", email=None, phone="", district="", education="",
        experience_years=0, experience="", certificates="", cv_file="",
        wants_notifications=False, erased_at=timezone.now())
    locked.refresh_from_db()
    relabel_log_entries([locked, *Candidacy.objects.filter(job_seeker=locked)
                         .select_related("job_seeker", "vacancy__occupation", "vacancy__firm")])
    return locked


def log_cv_access(*, job_seeker, by, reason):
    return CvAccess.objects.create(job_seeker=job_seeker, by=by, reason=reason)


@transaction.atomic
def propose_candidate(*, vacancy, job_seeker, by, note=""):
    """Propose ``job_seeker`` for ``vacancy``: the candidacy and its first event; the job
    seeker is told by e-mail if they asked to be."""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.status != Vacancy.Status.OPEN:
        raise IllegalMove(_("Only an open vacancy takes candidates."))
    if Candidacy.objects.filter(vacancy=locked, job_seeker=job_seeker).exists():
        raise IllegalMove(_("This job seeker is already proposed for this vacancy."))
    candidacy = Candidacy.objects.create(vacancy=locked, job_seeker=job_seeker,
                                         proposed_by=by)
    CandidacyEvent.objects.create(candidacy=candidacy, from_status="",
                                  to_status=Candidacy.Status.PROPOSED, by=by, note=note)
    if job_seeker.wants_notifications and job_seeker.email:
        transaction.on_commit(lambda: send_job_seeker_mail("job_seeker_proposed", job_seeker, {
            "job_seeker": job_seeker, "vacancy": locked}))
    return candidacy


def move_candidacy(*, candidacy, name, by, reason="", note=""):
    """Make ``name`` (interview, hire, reject) through the workflow. A hire that fills the
    last position marks the vacancy filled, under the vacancy's lock."""
    changes = {}
    if name in ("hire", "reject"):
        changes["decided_at"] = timezone.now()
    if name == "reject":
        if reason not in Candidacy.Reason.values:
            raise IllegalMove(_("Say why the candidate was not hired."))
        changes["not_hired_reason"] = reason

    def fill_when_complete():
        if name != "hire":
            return None
        vacancy = Vacancy.objects.select_for_update().get(pk=candidacy.vacancy_id)
        hired = vacancy.candidacies.filter(status=Candidacy.Status.HIRED).count() + 1
        if hired > vacancy.positions:
            raise IllegalMove(_("Every position of this vacancy is already filled."))
        if hired == vacancy.positions:
            Vacancy.objects.filter(pk=vacancy.pk).update(
                status=Vacancy.Status.FILLED, filled_at=changes["decided_at"])
        return None

    with transaction.atomic():
        moved = CANDIDACY_WORKFLOW.move(candidacy, name, by=by, note=note, changes=changes,
                                        before_save=fill_when_complete)
        if name == "hire":
            program = Vacancy.objects.get(pk=candidacy.vacancy_id).zone.program
            # The indicator follows the hire; a failure there must not undo nor hide it.
            transaction.on_commit(lambda: record_placement_indicator(program=program),
                                  robust=True)
    return moved


PLACEMENT_INDICATOR = {
    "code": "PLACEMENTS",
    "name_tr": "Kariyer portalıyla işe yerleştirilen kişi",
    "name_en": "People placed through the career portal",
    "unit": "kişi", "unit_en": "people",
    "baseline_source": "Kariyer portalı (sanayi bölgeleri)",
}


@transaction.atomic
def record_placement_indicator(*, program):
    """Write the programme-level indicator of placements: for each open reporting period
    that has begun, the people hired through the career portal during it (as of its last
    day, or today while it runs). A locked period keeps the value it was locked with.
    Returns the values written."""
    indicator, _created = Indicator.objects.get_or_create(
        program=program, code=PLACEMENT_INDICATOR["code"],
        defaults={**{name: value for name, value in PLACEMENT_INDICATOR.items()
                     if name != "code"},
                  "baseline_value": 0, "baseline_year": program.start_date.year})
    today = timezone.localdate()
    written = []
    periods = ReportingPeriod.objects.filter(program=program, locked_at__isnull=True,
                                             start_date__lte=today)
    for period in periods:
        as_of = min(period.end_date, today)
        hires = Candidacy.objects.filter(
            vacancy__zone__program=program, status=Candidacy.Status.HIRED,
            decided_at__gte=end_of_day(period.start_date - datetime.timedelta(days=1)),
            decided_at__lt=end_of_day(as_of))
        value, _created = IndicatorValue.objects.update_or_create(
            indicator=indicator, period=period,
            defaults={"value": hires.count(),
                      "source": _("Career portal: hires recorded up to %(day)s")
                      % {"day": as_of.isoformat()}})
        written.append(value)
    return written


def retention_run(*, now=None):
    """Remind job seekers whose retention period ends within ``REMINDER_DAYS`` and who have
    not been reminded, and erase those whose period has ended. Returns ``(reminded,
    erased)``. The period is the one stated in the consent text each accepted."""
    now = now or timezone.now()
    reminded = erased = 0
    seekers = JobSeeker.objects.active().select_related("consent")
    for job_seeker in seekers.filter(last_active_at__lt=now - datetime.timedelta(
            days=REMINDER_DAYS)).iterator():
        ends = _add_months(job_seeker.last_active_at, job_seeker.consent.retention_months)
        if ends <= now:
            erase_job_seeker(job_seeker=job_seeker)
            erased += 1
        elif ends - datetime.timedelta(days=REMINDER_DAYS) <= now and not job_seeker.reminded_at:
            if job_seeker.email:
                send_job_seeker_mail("job_seeker_retention", job_seeker, {"job_seeker": job_seeker,
                                                           "ends": ends})
            JobSeeker.objects.filter(pk=job_seeker.pk).update(reminded_at=now)
            reminded += 1
    return reminded, erased


def _add_months(moment, months):
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0)
                           else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    return moment.replace(year=year, month=month, day=day)


