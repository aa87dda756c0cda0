"""Task evidence on S3-compatible object storage, under the evidence prefix."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.models import TaskUpdate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_is_stored_in_the_bucket_and_served_by_the_checked_view(
        client, personas, plan_task, s3_bucket):
    client.force_login(personas.focal_point)
    client.post(reverse("tasks:post_update", args=[plan_task.pk]), {
        "text": "Çalıştay raporu ekte", "status": plan_task.status, "blocked_reason": "",
        "attachment": SimpleUploadedFile("rapor.pdf", PDF)})
    update = TaskUpdate.objects.get()
    assert s3_bucket.keys() == [f"evidence/{update.attachment.name}"]
    response = client.get(reverse("tasks:evidence", args=[update.pk]))
    assert b"".join(response.streaming_content) == PDF
