"""The public career portal: the vacancy list, a job seeker's registration,
verification, own data (see, edit, download) and erasure.

A job seeker has no password: each e-mailed link carries a signed token; opening it puts
the job seeker's id in the session, and the "My data" pages read it from there only."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.proxies import client_address
from directory import spam
from tracker.models import Program
from zones import public
from zones.forms import JobSeekerForm, LinkRequestForm, RegistrationForm
from zones.models import ConsentText, JobSeeker
from zones.services import (
    erase_job_seeker,
    export_own_data,
    job_seeker_from_token,
    job_seeker_token,
    register_job_seeker,
    send_job_seeker_mail,
    touch,
    verify_email,
)

SESSION_KEY = "careers_job_seeker"
RATE_SCOPE = "job-seeker-registrations"
REGISTRATIONS_PER_HOUR = 5


def _program(slug):
    return get_object_or_404(Program, slug=slug)


def vacancies_view(request, program_slug):
    program = _program(program_slug)
    occupation = request.GET.get("occupation", "")
    district = request.GET.get("district", "")
    return TemplateResponse(request, "zones/public/vacancies.html", {
        "program": program, "zones": public.zones_of(program),
        "vacancies": public.published_vacancies(program=program, occupation=occupation,
                                                district=district)[:200],
        "districts": public.vacancy_districts(program), "occupation": occupation,
        "district": district})


def _link_base(request, name):
    return request.build_absolute_uri(reverse(name, args=["TOKEN"])).removesuffix("TOKEN/")


@never_cache
def register_view(request, program_slug):
    program = _program(program_slug)
    consent = ConsentText.current()
    address = client_address(request)
    limited = spam.is_rate_limited(address, scope=RATE_SCOPE, limit=REGISTRATIONS_PER_HOUR)
    form = RegistrationForm(request.POST or None, request.FILES or None, program=program,
                            initial={"consent_version": consent.version})
    if request.method == "POST" and not limited and form.is_valid():
        spam.count_attempt(address, scope=RATE_SCOPE)
        accepted = ConsentText.objects.filter(
            version=form.cleaned_data["consent_version"]).first() or consent
        register_job_seeker(program=program, consent=accepted, fields=form.personal_fields(),
                            occupations=form.cleaned_data["occupations"],
                            link_base=_link_base(request, "careers:verify"))
        return TemplateResponse(request, "zones/public/registered.html", {"program": program})
    status = 429 if request.method == "POST" and limited else 200
    return TemplateResponse(request, "zones/public/register.html", {
        "program": program, "form": form, "consent": consent, "limited": limited},
        status=status)


@never_cache
def verify_view(request, token):
    job_seeker = job_seeker_from_token(token)
    if job_seeker is None:
        return TemplateResponse(request, "zones/public/link_invalid.html", status=400)
    verify_email(job_seeker)
    request.session.cycle_key()
    request.session[SESSION_KEY] = job_seeker.pk
    return redirect("careers:me")


@never_cache
def link_request_view(request):
    """Ask for a new link by e-mail; the answer is the same whether the address is known."""
    form = LinkRequestForm(request.POST or None)
    address = client_address(request)
    if request.method == "POST" and form.is_valid():
        if not spam.is_rate_limited(address, scope=RATE_SCOPE, limit=REGISTRATIONS_PER_HOUR):
            spam.count_attempt(address, scope=RATE_SCOPE)
            link_base = _link_base(request, "careers:verify")
            for job_seeker in JobSeeker.objects.active().filter(
                    email=form.cleaned_data["email"].strip().lower()):
                send_job_seeker_mail("job_seeker_verify", job_seeker, {
                    "job_seeker": job_seeker, "link": link_base + job_seeker_token(job_seeker),
                    "language": request.LANGUAGE_CODE})
        return TemplateResponse(request, "zones/public/link_sent.html", {})
    return TemplateResponse(request, "zones/public/link_request.html", {"form": form})


def _own(request):
    pk = request.session.get(SESSION_KEY)
    job_seeker = JobSeeker.objects.active().filter(pk=pk).first() if pk else None
    return job_seeker


@never_cache
def me_view(request):
    job_seeker = _own(request)
    if job_seeker is None:
        return redirect("careers:link")
    form = JobSeekerForm(request.POST or None, request.FILES or None, instance=job_seeker)
    if request.method == "POST" and form.is_valid():
        old_file = job_seeker.cv_file.name if "cv_file" in form.changed_data else None
        form.save()
        if old_file:
            job_seeker.cv_file.storage.delete(old_file)
        touch(job_seeker)
        messages.success(request, _("Your data is saved."))
        return redirect("careers:me")
    return TemplateResponse(request, "zones/public/me.html", {
        "job_seeker": job_seeker, "form": form, "consent": job_seeker.consent})


@never_cache
def download_view(request):
    job_seeker = _own(request)
    if job_seeker is None:
        return redirect("careers:link")
    response = HttpResponse(json.dumps(export_own_data(job_seeker), ensure_ascii=False,
                                       indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@never_cache
def erase_view(request):
    job_seeker = _own(request)
    if job_seeker is None:
        return redirect("careers:link")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        erase_job_seeker(job_seeker=job_seeker)
        request.session.flush()
        return TemplateResponse(request, "zones/public/erased.html", {})
    return TemplateResponse(request, "zones/public/erase.html", {"job_seeker": job_seeker})
