"""Admin views beyond the listings: matching candidates to a vacancy, the candidacy's moves,
and reading a CV (always with a reason, always logged)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import IllegalMove
from core.workflow_views import move_view
from fieldvisits.models import Answer, Visit
from fieldvisits.workforce import QUESTION_PREFIX
from tracker.models import Program, programs_for
from zones.models import (
    OFFICE_ROLES,
    Candidacy,
    CvAccess,
    JobSeeker,
    Vacancy,
)
from zones.placements import exact_placements, published_placements
from zones.queries import placement_zones, rank_candidates
from zones.services import (
    draft_vacancies_from_visit,
    log_cv_access,
    move_candidacy,
    open_vacancy,
    propose_candidate,
)

# A logged CV read opens the file for this long.
CV_FILE_WINDOW = datetime.timedelta(minutes=30)

CANDIDACY_MOVES = {
    "interview": gettext_lazy("Interviewed"),
    "hire": gettext_lazy("Hired"),
    "reject": gettext_lazy("Not hired"),
}


class CandidacyMoveForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Reason"), required=False,
                               choices=[("", "—"), *Candidacy.Reason.choices])
    note = forms.CharField(label=gettext_lazy("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class CvReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why do you open this CV?"), max_length=200)


def _vacancy_for(user, pk, permission="zones.view_vacancy"):
    if not user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Vacancy.objects.for_user(user).select_related(
        "occupation", "firm", "zone"), pk=pk)


def matching_view(request, pk):
    """Candidates ranked for the vacancy; a POST proposes one."""
    vacancy = _vacancy_for(request.user, pk)
    if request.method == "POST":
        if not request.user.has_perm("zones.add_candidacy"):
            raise PermissionDenied
        if request.POST.get("open") and vacancy.status == Vacancy.Status.DRAFT:
            open_vacancy(vacancy)
            messages.success(request, _("The vacancy is open."))
            return redirect("zones_matching", pk=vacancy.pk)
        seeker = get_object_or_404(JobSeeker.objects.active().filter(
            program=vacancy.zone.program_id), pk=request.POST.get("job_seeker"))
        try:
            propose_candidate(vacancy=vacancy, job_seeker=seeker, by=request.user)
        except IllegalMove as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s is proposed.") % {"name": seeker})
        return redirect("zones_matching", pk=vacancy.pk)
    candidacies = vacancy.candidacies.select_related("job_seeker").order_by("proposed_at")
    return TemplateResponse(request, "zones/admin/matching.html", {
        "vacancy": vacancy, "candidates": rank_candidates(vacancy),
        "candidacies": candidacies, "moves": CANDIDACY_MOVES,
        "page_title": _("Candidates for %(vacancy)s") % {"vacancy": vacancy},
        "header_title": _("Candidates for %(vacancy)s") % {"vacancy": vacancy},
    })


def candidacy_move_view(request, pk, move):
    if move not in CANDIDACY_MOVES:
        raise Http404
    if not request.user.has_perm("zones.change_candidacy"):
        raise PermissionDenied
    candidacy = get_object_or_404(Candidacy.objects.for_user(request.user).select_related(
        "job_seeker", "vacancy__occupation", "vacancy__firm"), pk=pk)
    form = CandidacyMoveForm(request.POST if request.method == "POST" else None)
    if move != "reject":
        del form.fields["reason"]
    done_url = reverse("zones_matching", args=[candidacy.vacancy_id])

    def make_move(data):
        move_candidacy(candidacy=candidacy, name=move, by=request.user,
                       reason=data.get("reason", ""), note=data["note"])

    return move_view(
        request, obj=candidacy, make_move=make_move, done_url=done_url, form=form,
        success=lambda: _("“%(object)s” is now “%(status)s”.") % {
            "object": candidacy, "status": candidacy.get_status_display()},
        template="zones/admin/confirm_move.html",
        context={"page_title": CANDIDACY_MOVES[move], "header_title": CANDIDACY_MOVES[move],
                 "button": CANDIDACY_MOVES[move]})


def _seeker_for_vacancy(vacancy, seeker_pk):
    return get_object_or_404(JobSeeker.objects.active().filter(
        program=vacancy.zone.program_id).select_related("consent"), pk=seeker_pk)


def cv_view(request, vacancy_pk, seeker_pk):
    """A candidate's CV for one vacancy of the reader's zone: asks why, logs the read."""
    vacancy = _vacancy_for(request.user, vacancy_pk)
    seeker = _seeker_for_vacancy(vacancy, seeker_pk)
    form = CvReasonForm(request.POST if request.method == "POST" else None)
    shown = False
    if request.method == "POST" and form.is_valid():
        log_cv_access(job_seeker=seeker, by=request.user,
                      reason=f"{vacancy.pk}: {form.cleaned_data['reason']}")
        shown = True
    return TemplateResponse(request, "zones/admin/cv.html", {
        "vacancy": vacancy, "seeker": seeker, "form": form, "shown": shown,
        "page_title": _("CV"), "header_title": _("CV")})


def cv_file_view(request, vacancy_pk, seeker_pk):
    """The CV file, only shortly after a logged read of the same CV by the same person."""
    vacancy = _vacancy_for(request.user, vacancy_pk)
    seeker = _seeker_for_vacancy(vacancy, seeker_pk)
    logged = CvAccess.objects.filter(job_seeker=seeker, by=request.user,
                                     at__gte=timezone.now() - CV_FILE_WINDOW).exists()
    if not logged or not seeker.cv_file:
        raise Http404
    return FileResponse(seeker.cv_file.open("rb"), as_attachment=True,
                        filename=f"cv-{seeker.pk}.{seeker.cv_file.name.rsplit('.', 1)[-1]}")


def placements_view(request):
    """Placement figures as of a chosen day: exact for the zones the reader keeps (zone
    staff, the programme office); for the focal point of an employment agency of the
    programme, the figures of its zones as their public pages print them (per occupation
    under the disclosure rule)."""
    kept, read = placement_zones(request.user)
    if not kept.exists() and not read.exists():
        raise PermissionDenied
    try:
        as_of = datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        as_of = timezone.localdate()
    exact = kept.exists()
    if exact:
        sections = [(None, exact_placements(kept, as_of=as_of))]
    else:
        programs = Program.objects.filter(pk__in=read.values("program")).order_by("name_tr")
        sections = [(program, published_placements(program, as_of=as_of))
                    for program in programs]
    return TemplateResponse(request, "zones/admin/placements.html", {
        "sections": sections, "as_of": as_of, "exact": exact,
        "page_title": _("Placements"), "header_title": _("Placements")})


def visits_with_needs_view(request):
    """The programme office turns approved visits' workforce needs into draft vacancies of
    the firm's zone; zone staff then publish them once the firm agrees."""
    programs = programs_for(request.user, OFFICE_ROLES)
    if not request.user.has_perm("zones.add_vacancy") or not programs.exists():
        raise PermissionDenied
    visits = (Visit.objects.filter(program__in=programs, status=Visit.Status.APPROVED,
                                   firm__zone_row__isnull=False)
              .filter(Exists(Answer.objects.filter(
                  visit=OuterRef("pk"), question__code__startswith=QUESTION_PREFIX,
                  value_number__gt=0)))
              .exclude(Exists(Vacancy.objects.filter(source_visit=OuterRef("pk"))))
              .select_related("firm", "firm__zone_row__zone").order_by("firm__trade_name"))
    if request.method == "POST":
        visit = get_object_or_404(visits, pk=request.POST.get("visit"))
        drafted = draft_vacancies_from_visit(visit=visit, by=request.user)
        messages.success(request, _("%(count)s draft vacancies for %(firm)s.") % {
            "count": len(drafted), "firm": visit.firm})
        return redirect("zones_visits_with_needs")
    return TemplateResponse(request, "zones/admin/visits_with_needs.html", {
        "visits": visits[:200], "page_title": _("Vacancies from visits"),
        "header_title": _("Vacancies from visits")})
