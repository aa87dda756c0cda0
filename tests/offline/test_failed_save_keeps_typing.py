"""A save the server cannot complete brings the form back with what was typed."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from fieldvisits import views

pytestmark = pytest.mark.django_db


def broken(**kwargs):
    raise OperationalError("database is locked")


@pytest.mark.parametrize("action, target", [("save", "save_draft"), ("submit", "submit_visit")])
def test_a_database_failure_returns_the_form_with_the_typing(agent_client, visit, monkeypatch,
                                                             action, target):
    monkeypatch.setattr(views, target, broken)
    response = agent_client.post(reverse("field:visit_form", args=[visit.pk]), {
        "action": action, "capacity": "72", "notes": "Fuar desteği istiyor.",
        "submission_uuid": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"})
    assert response.status_code == 503
    assert response.context["form"]["notes"].value() == "Fuar desteği istiyor."
    assert response.context["form"]["capacity"].value() == "72"
    shown = [str(m) for m in response.context["messages"]]
    assert any("could not save" in m for m in shown)


def test_a_refused_photo_in_the_form_keeps_the_answers_as_a_draft(agent_client, visit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = agent_client.post(reverse("field:visit_form", args=[visit.pk]), {
        "action": "submit", "capacity": "72", "maturity": "4",
        "submission_uuid": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "file": SimpleUploadedFile("page.html", b"<html>")})
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.status == "in_progress"
    assert visit.draft_answers["capacity"] == "72"
    assert any("not attached" in str(m) for m in response.context["messages"])


def test_a_photo_attached_inside_the_form_is_stored(agent_client, visit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = agent_client.post(reverse("field:visit_form", args=[visit.pk]), {
        "action": "save", "capacity": "72",
        "file": SimpleUploadedFile("hall.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50)})
    assert response.status_code == 302
    assert visit.attachments.get().original_name == "hall.png"
