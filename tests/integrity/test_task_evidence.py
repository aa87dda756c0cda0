"""Task-update evidence follows the visit attachments' rules."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import uploads
from tracker.models import TaskUpdate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post(client, task, upload, **extra):
    return client.post(reverse("tasks:post_update", args=[task.pk]), {
        "text": "Çalıştay raporu ekte", "status": task.status, "blocked_reason": "",
        "attachment": upload, **extra})


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name,content", [
    ("rapor.html", b"<html><script>alert(1)</script></html>"),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("kur.exe", b"MZ\x90\x00"),
    ("sahte.pdf", b"<html>not a pdf</html>"),
    ("sahte.docx", b"PK\x03\x04 not really a zip"),
])
def test_files_that_are_not_evidence_are_refused(client, personas, plan_task, name, content):
    client.force_login(personas.focal_point)
    response = post(client, plan_task, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Attach a PDF, a photo" in page
            or "does not match its" in page), page[-2000:]
    assert not TaskUpdate.objects.exists()


def test_evidence_is_stored_under_a_generated_name(client, personas, plan_task, tmp_path):
    client.force_login(personas.focal_point)
    response = post(client, plan_task, SimpleUploadedFile("Çalıştay raporu.pdf", PDF))
    assert response.status_code == 302
    update = TaskUpdate.objects.get()
    assert update.attachment_name == "Çalıştay raporu.pdf"
    assert update.attachment_type == "application/pdf"
    assert "raporu" not in update.attachment.name
    assert update.attachment.name.startswith(f"task-updates/{plan_task.pk}/")


def test_a_word_document_is_taken(client, personas, plan_task):
    client.force_login(personas.focal_point)
    response = post(client, plan_task, SimpleUploadedFile("tutanak.docx", docx_bytes()))
    assert response.status_code == 302
    assert TaskUpdate.objects.get().attachment_name == "tutanak.docx"


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, personas, plan_task,
                                                            monkeypatch):
    monkeypatch.setattr(uploads, "EVIDENCE_MAX_BYTES", 1024)
    monkeypatch.setattr(uploads, "FORM_OVERHEAD_BYTES", 1024)
    client.force_login(personas.focal_point)
    response = post(client, plan_task, SimpleUploadedFile("büyük.pdf", PDF + b"0" * 4096))
    assert response.status_code == 413
    assert "The file is too large; the limit is 1.0\xa0KB" in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_evidence_is_served_only_to_who_may_see_the_task(client, personas, plan_task):
    client.force_login(personas.focal_point)
    post(client, plan_task, SimpleUploadedFile("rapor.pdf", PDF))
    url = reverse("tasks:evidence", args=[TaskUpdate.objects.get().pk])

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"

    client.force_login(personas.other_focal_point)
    assert client.get(url).status_code == 404
    client.force_login(personas.outsider_coordinator)
    assert client.get(url).status_code in (302, 404)


def test_the_task_page_links_to_the_checked_view(client, personas, plan_task):
    client.force_login(personas.focal_point)
    post(client, plan_task, SimpleUploadedFile("rapor.pdf", PDF))
    page = client.get(reverse("tasks:inspect", args=[plan_task.pk])).content.decode()
    assert reverse("tasks:evidence", args=[TaskUpdate.objects.get().pk]) in page
    assert "/media/" not in page
