"""The questionnaire form: errors next to fields, drafts that keep every typed answer,
a summary of what is missing on submit, supervisor comments next to the field."""

import uuid

import pytest
from django.urls import reverse

from fieldvisits.models import Visit
from tests.fieldvisits.helpers import COMPLETE_ANSWERS


def form_url(visit):
    return reverse("field:visit_form", args=[visit.pk])


@pytest.mark.django_db
def test_form_renders_sections_and_questions_of_the_version(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    page = client.get(form_url(scheduled_visit)).content.decode()
    # The test questionnaire is Turkish only: an English reader sees it marked as such.
    marker = '</span> <small class="translation-fallback">(in Turkish)</small>'
    assert f'1. <span lang="tr">Olgunluk{marker}' in page
    assert f'2. <span lang="tr">Diğer{marker}' in page
    assert 'name="capacity"' in page and 'name="obstacles"' in page
    assert 'type="date"' in page and 'name="submission_uuid"' in page


@pytest.mark.django_db
def test_invalid_value_shows_its_error_next_to_the_field_and_keeps_what_was_typed(
        client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    response = client.post(form_url(scheduled_visit),
                           {"action": "save", "capacity": "150", "staff_needed": "4"})
    assert response.status_code == 400
    page = response.content.decode()
    block = page[page.index('id="q-capacity"'):page.index('id="q-staff_needed"')]
    assert "100% " in block or "100%" in block
    assert 'value="150"' in block
    reloaded = client.get(form_url(scheduled_visit)).content.decode()
    assert 'name="capacity" value="150"' in reloaded
    assert 'name="staff_needed" value="4"' in reloaded
    scheduled_visit.refresh_from_db()
    assert scheduled_visit.status == Visit.Status.IN_PROGRESS
    assert list(scheduled_visit.answers.values_list("question__code", flat=True)) == [
        "staff_needed"]


@pytest.mark.django_db
def test_draft_saved_answers_come_back(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    response = client.post(form_url(scheduled_visit),
                           {"action": "save", "capacity": "55", "obstacles": ["logistics"]},
                           follow=True)
    page = response.content.decode()
    assert 'name="capacity" value="55"' in page
    assert 'value="logistics"' in page and 'value="logistics" id="id_obstacles_1" checked' in page


@pytest.mark.django_db
def test_submit_with_gaps_lists_what_is_missing(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    response = client.post(form_url(scheduled_visit), {
        "action": "submit", "submission_uuid": str(uuid.uuid4()), "capacity": "60",
        "staff_needed": "-2"})
    assert response.status_code == 400
    page = response.content.decode()
    missing = page[page.index('class="missing"'):page.index("</ul>", page.index('class="missing"'))]
    assert "Soru maturity</span> <small class=\"translation-fallback\">(in Turkish)</small>" \
        "</a>: This question is required." in missing
    assert "Soru staff_needed</span> <small class=\"translation-fallback\">(in Turkish)" \
        "</small></a>: Enter 0 or more." in missing
    assert "Soru capacity" not in missing
    scheduled_visit.refresh_from_db()
    assert scheduled_visit.status == Visit.Status.IN_PROGRESS
    assert scheduled_visit.draft_answers["capacity"] == "60"


@pytest.mark.django_db
def test_returned_visit_shows_the_comment_next_to_the_question(client, personas,
                                                                scheduled_visit):
    client.force_login(personas.agent1)
    client.post(form_url(scheduled_visit), {**COMPLETE_ANSWERS, "action": "submit",
                                            "submission_uuid": str(uuid.uuid4())})
    scheduled_visit.refresh_from_db()
    capacity = scheduled_visit.answers.get(question__code="capacity").question
    client.force_login(personas.supervisor)
    client.post(reverse("field:review", args=[scheduled_visit.pk]), {
        "action": "return", f"comment_{capacity.pk}": "Beyan 45 idi, kontrol edin."})
    client.force_login(personas.agent1)
    detail = client.get(reverse("field:visit", args=[scheduled_visit.pk])).content.decode()
    assert "Beyan 45 idi, kontrol edin." in detail
    page = client.get(form_url(scheduled_visit)).content.decode()
    block = page[page.index('id="q-capacity"'):page.index('id="q-staff_needed"')]
    assert "Beyan 45 idi, kontrol edin." in block
    assert 'name="capacity" value="72"' in block


@pytest.mark.django_db
def test_submitted_visit_is_no_longer_editable(client, personas, scheduled_visit):
    client.force_login(personas.agent1)
    client.post(form_url(scheduled_visit), {**COMPLETE_ANSWERS, "action": "submit",
                                            "submission_uuid": str(uuid.uuid4())})
    response = client.post(form_url(scheduled_visit), {"action": "save", "capacity": "1"})
    assert response.status_code == 302
    assert scheduled_visit.answers.get(question__code="capacity").value_number == 72


@pytest.mark.django_db
def test_a_visit_cancelled_while_the_agent_types_keeps_the_answers_with_a_message(
    client, personas, scheduled_visit, monkeypatch
):
    from core.workflow import IllegalMove
    from fieldvisits import views

    def cancelled_meanwhile(**kwargs):
        raise IllegalMove("The visit was cancelled by the supervisor.")

    monkeypatch.setattr(views, "save_draft", cancelled_meanwhile)
    client.force_login(personas.agent1)
    response = client.post(form_url(scheduled_visit), {"action": "save", "capacity": "55"})
    assert response.status_code == 409
    assert "The visit was cancelled by the supervisor." in response.content.decode()
    assert response.context["form"]["capacity"].value() == "55"
