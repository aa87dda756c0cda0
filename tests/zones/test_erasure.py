from django.apps import apps
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import DatabaseError, NotSupportedError, models
from django.urls import reverse
from django.utils import timezone

from tests.access import PASSWORD
from zones.models import Candidacy, CandidacyEvent, CvAccess, JobSeeker
from zones.queries import placement_figures
from zones.services import (
    erase_job_seeker,
    job_seeker_from_token,
    job_seeker_token,
    log_cv_access,
    move_candidacy,
    propose_candidate,
)

from .conftest import make_seeker

EMAIL = "zeynep@example.com"


def hired_seeker(zones, personas):
    seeker = make_seeker(zones.program, EMAIL, occupations=[zones.welder],
                         certificates="MYK kaynak", experience="Gazaltı kaynağı 5 yıl")
    seeker.cv_file.save("cv.pdf", ContentFile("%PDF-1.4 Zeynep Kaynakçı".encode()))
    log_cv_access(job_seeker=seeker, by=zones.staff, reason="Zeynep Kaynakçı için görüşme")
    candidacy = propose_candidate(vacancy=zones.vacancy, job_seeker=seeker, by=zones.staff,
                                  note="Zeynep tecrübeli")
    move_candidacy(candidacy=candidacy, name="hire", by=zones.staff, note="Zeynep başladı")
    return seeker


def test_erasure_removes_the_personal_data_and_the_file(zones, personas,
                                                        django_capture_on_commit_callbacks):
    seeker = hired_seeker(zones, personas)
    stored = seeker.cv_file.name
    storage = seeker.cv_file.storage
    with django_capture_on_commit_callbacks(execute=True):
        erase_job_seeker(job_seeker=seeker)
    seeker.refresh_from_db()
    assert (seeker.first_name, seeker.last_name, seeker.email, seeker.phone, seeker.district,
            seeker.experience, seeker.certificates, seeker.cv_file.name) == (
        "", "", None, "", "", "", "", "")
    assert seeker.erased_at is not None
    assert not seeker.occupations.exists()
    assert not storage.exists(stored)
    assert not JobSeeker.objects.filter(email=EMAIL).exists()
    assert not CandidacyEvent.objects.filter(note__icontains="Zeynep").exists()
    assert not CvAccess.objects.filter(reason__icontains="Zeynep").exists()


def test_erasure_keeps_the_anonymous_counts(zones, personas):
    seeker = hired_seeker(zones, personas)
    before = placement_figures(programs=[zones.program])
    erase_job_seeker(job_seeker=seeker)
    after = placement_figures(programs=[zones.program])
    assert before.placements == after.placements == 1
    assert JobSeeker.objects.count() == 1
    assert Candidacy.objects.get().status == Candidacy.Status.HIRED


def test_an_erased_account_leaves_the_programme_offices_lists_and_its_links(zones, personas):
    seeker = hired_seeker(zones, personas)
    token = job_seeker_token(seeker)
    erase_job_seeker(job_seeker=seeker)
    assert not JobSeeker.objects.for_user(personas.coordinator).exists()
    assert job_seeker_from_token(token) is None


def test_the_job_seeker_erases_their_own_account(client, zones, personas):
    seeker = hired_seeker(zones, personas)
    client.get(reverse("careers:verify", args=[job_seeker_token(seeker)]))
    response = client.post(reverse("careers:erase"), {"confirm": "yes"})
    assert response.status_code == 200
    seeker.refresh_from_db()
    assert seeker.erased_at is not None and seeker.email is None
    assert client.get(reverse("careers:me")).status_code == 302


def test_the_retention_command_reminds_then_erases(zones, mailoutbox):
    now = timezone.now()
    due_soon = make_seeker(zones.program, "soon@example.com")
    expired = make_seeker(zones.program, "old@example.com")
    recent = make_seeker(zones.program, "new@example.com")
    JobSeeker.objects.filter(pk=due_soon.pk).update(
        last_active_at=now - timezone.timedelta(days=350))
    JobSeeker.objects.filter(pk=expired.pk).update(
        last_active_at=now - timezone.timedelta(days=370))
    call_command("job_seeker_retention", stdout=open("/dev/null", "w"))
    due_soon.refresh_from_db()
    expired.refresh_from_db()
    recent.refresh_from_db()
    assert due_soon.reminded_at is not None and due_soon.erased_at is None
    assert [message.to for message in mailoutbox] == [["soon@example.com"]]
    assert expired.erased_at is not None and expired.email is None
    assert recent.reminded_at is None and recent.erased_at is None
    call_command("job_seeker_retention", stdout=open("/dev/null", "w"))
    assert len(mailoutbox) == 1


def rows_mentioning(*needles):
    """``[(model, field, pk)]`` of every text column of every table that holds one of
    ``needles``: the job seeker's tables, the admin's history, the search indexes, the
    task queue, sessions…"""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                continue
            for needle in needles:
                lookup = {f"{field.name}__icontains": needle}
                try:
                    matches = list(model._base_manager.filter(**lookup)
                                   .values_list("pk", flat=True)[:5])
                except (FieldError, NotSupportedError, DatabaseError):
                    continue
                found += [(model._meta.label, field.name, pk) for pk in matches]
    return found


def test_erasure_leaves_no_trace_in_any_table(client, zones, personas,
                                              django_capture_on_commit_callbacks):
    seeker = hired_seeker(zones, personas)
    # The office corrects the record in the admin: the admin's history names the person.
    client.login(username="coordinator", password=PASSWORD)
    edit = reverse("jobseeker:edit", args=[seeker.pk])
    form = client.get(edit).context["form"]
    data = {**{name: value for name, value in form.initial.items() if value is not None},
            "phone": "+90 555 444 33 22", "occupations": [zones.welder.pk],
            "loaded_version": form["loaded_version"].value()}
    assert client.post(edit, data).status_code == 302
    needles = ("Zeynep Kaynakçı", EMAIL, "444 33 22")
    assert rows_mentioning(*needles), "the set-up should have written the person's data"
    with django_capture_on_commit_callbacks(execute=True):
        erase_job_seeker(job_seeker=seeker)
    assert rows_mentioning(*needles) == []
