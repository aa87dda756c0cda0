"""Photos and documents: type and size limited, served only to those who see the visit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fieldvisits.models import VisitAttachment
from fieldvisits.services import ATTACHMENT_MAX_BYTES

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, visit, name, content):
    return client.post(reverse("field:upload_attachment", args=[visit.pk]),
                       {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.django_db
def test_agent_attaches_a_photo_and_a_pdf(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    upload(client, scheduled_visit, "atölye.png", PNG)
    page = upload(client, scheduled_visit, "katalog.pdf", PDF).content.decode()
    assert "atölye.png" in page and "katalog.pdf" in page
    stored = VisitAttachment.objects.get(original_name="katalog.pdf")
    assert stored.file.name.startswith(f"visit-attachments/{scheduled_visit.pk}/")
    assert "katalog" not in stored.file.name
    download = client.get(reverse("field:attachment", args=[stored.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), [
    ("script.exe", b"MZ" + b"0" * 10, "Attach a photo (JPEG, PNG, HEIC) or a PDF document."),
    ("sahte.pdf", PNG, "The file's content does not match its .pdf name."),
    ("buyuk.png", PNG + b"0" * ATTACHMENT_MAX_BYTES, "the limit is 10 MB"),
])
def test_wrong_type_or_size_is_refused_and_nothing_is_stored(client, personas,
                                                              scheduled_visit, name, content,
                                                              message, media):
    client.force_login(personas.agent1)
    page = upload(client, scheduled_visit, name, content).content.decode()
    assert message in page.replace("&#x27;", "'")
    assert not VisitAttachment.objects.exists()
    assert not any(media.rglob("*.*"))


@pytest.mark.django_db
def test_attachment_is_not_served_to_another_agent_or_a_focal_point(client, personas,
                                                                     scheduled_visit):
    client.force_login(personas.agent1)
    upload(client, scheduled_visit, "foto.png", PNG)
    attachment = VisitAttachment.objects.get()
    url = reverse("field:attachment", args=[attachment.pk])
    client.force_login(personas.agent2)
    assert client.get(url).status_code == 404
    client.force_login(personas.focal_point)
    assert client.get(url).status_code == 403
    client.force_login(personas.supervisor)
    assert client.get(url).status_code == 200


def test_development_media_serving_leaves_attachments_to_the_checked_view(settings):
    import importlib

    from django.urls import Resolver404, URLResolver
    from django.urls.resolvers import RegexPattern

    import config.urls

    settings.DEBUG = True
    try:
        development_urls = importlib.reload(config.urls)
        resolver = URLResolver(RegexPattern(r"^/"), development_urls)
        assert resolver.resolve("/media/images/logo.png")
        with pytest.raises(Resolver404):
            resolver.resolve("/media/visit-attachments/1/3f2a.png")
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)


@pytest.mark.django_db
def test_no_attachment_once_the_visit_is_submitted(client, personas, scheduled_visit):
    from fieldvisits.models import Visit

    Visit.objects.filter(pk=scheduled_visit.pk).update(status=Visit.Status.SUBMITTED)
    client.force_login(personas.agent1)
    page = upload(client, scheduled_visit, "geç.png", PNG).content.decode()
    assert "attachments can no longer be added" in page
    assert not VisitAttachment.objects.exists()
