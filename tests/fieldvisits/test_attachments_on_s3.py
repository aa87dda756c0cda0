"""Visit photos on S3-compatible object storage: stored under the evidence prefix, read
back only through the checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fieldvisits.models import VisitAttachment

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.mark.django_db
def test_photo_goes_to_the_evidence_prefix_and_comes_back_through_the_view(
        client, personas, scheduled_visit, s3_bucket):
    client.force_login(personas.agent1)
    client.post(reverse("field:upload_attachment", args=[scheduled_visit.pk]),
                {"file": SimpleUploadedFile("atölye.png", PNG)})
    attachment = VisitAttachment.objects.get()
    key = f"evidence/{attachment.file.name}"
    assert s3_bucket.keys() == [key]
    assert s3_bucket.read(key) == PNG

    client.force_login(personas.supervisor)
    response = client.get(reverse("field:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    client.force_login(personas.focal_point)
    assert client.get(reverse("field:attachment", args=[attachment.pk])).status_code == 403
