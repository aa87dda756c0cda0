import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from zones import views
from zones.models import ConsentText, JobSeeker


def form_data(**overrides):
    return {"first_name": "Elif", "last_name": "Demir", "email": "elif@example.com",
            "phone": "05551112233", "district": "Gebze", "education": "vocational",
            "experience_years": "4", "experience": "Gazaltı kaynağı", "certificates":
            "MYK kaynak", "availability": "now", "occupations": [], "consent": "on",
            "consent_version": "1", "wants_notifications": "on", **overrides}


@pytest.fixture
def register_url(zones):
    return reverse("careers:register", args=[zones.program.slug])


def test_a_registration_records_the_consent_version_and_when(
        client, zones, register_url, django_capture_on_commit_callbacks):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url, form_data(occupations=[zones.welder.pk]))
    assert response.status_code == 200
    seeker = JobSeeker.objects.get(email="elif@example.com")
    assert seeker.consent.version == 1
    assert seeker.consented_at >= before
    assert seeker.email_verified_at is None
    assert len(mail.outbox) == 1
    assert "/careers/verify/" in mail.outbox[0].body


def test_without_the_consent_ticked_nothing_is_stored(client, zones, register_url):
    data = form_data(occupations=[zones.welder.pk])
    del data["consent"]
    response = client.post(register_url, data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not JobSeeker.objects.exists()


def test_a_new_consent_version_is_shown_and_recorded_while_earlier_ones_are_kept(
        client, zones, register_url):
    client.post(register_url, form_data(occupations=[zones.welder.pk]))
    ConsentText.objects.create(version=2, text_tr="Sürüm 2 metni", text_en="Version 2 text",
                               retention_months=6)
    page = client.get(register_url).content.decode()
    assert "Version 2 text" in page
    client.post(register_url, form_data(email="ayse@example.com", consent_version="2",
                                        occupations=[zones.welder.pk]))
    versions = dict(JobSeeker.objects.values_list("email", "consent__version"))
    assert versions == {"elif@example.com": 1, "ayse@example.com": 2}


def test_registrations_from_one_address_are_limited(client, zones, register_url,
                                                    monkeypatch):
    monkeypatch.setattr(views, "REGISTRATIONS_PER_HOUR", 1)
    client.post(register_url, form_data(occupations=[zones.welder.pk]))
    response = client.post(register_url, form_data(email="other@example.com",
                                                   occupations=[zones.welder.pk]))
    assert response.status_code == 429
    assert JobSeeker.objects.count() == 1


def test_the_verification_link_confirms_the_address_and_opens_own_data(
        client, zones, register_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url, form_data(occupations=[zones.welder.pk]))
    link = next(line for line in mail.outbox[0].body.splitlines() if "/verify/" in line)
    response = client.get(link.strip(), follow=True)
    assert response.status_code == 200
    assert "elif@example.com" in response.content.decode()
    assert JobSeeker.objects.get().email_verified_at is not None
    download = client.get(reverse("careers:download"))
    assert download.json()["consent"]["version"] == 1
    assert download.json()["occupations"][0]["code"] == "7212"


def test_a_forged_link_opens_nothing(client, zones):
    response = client.get(reverse("careers:verify", args=["forged-token"]))
    assert response.status_code == 400
    assert client.get(reverse("careers:me")).status_code == 302
