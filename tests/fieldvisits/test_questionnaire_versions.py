"""A published version never changes; edits go to a new draft; visits keep their version."""

import pytest
from django.urls import reverse

from core.freeze import FrozenError
from fieldvisits.models import Question, Section
from fieldvisits.services import save_draft
from tests.factories import VisitFactory, questionnaire_version


@pytest.mark.django_db
def test_published_version_refuses_changes_to_questions_and_sections(personas, version):
    question = version.questions().get(code="capacity")
    question.text = "Değişti"
    with pytest.raises(FrozenError, match="is published and cannot be changed"):
        question.save()
    with pytest.raises(FrozenError):
        question.delete()
    with pytest.raises(FrozenError):
        Section.objects.create(version=version, order=9, title="Yeni")
    with pytest.raises(FrozenError):
        version.publish()
    assert version.questions().get(code="capacity").text == "Soru capacity"


@pytest.mark.django_db
def test_new_draft_copies_every_question_and_is_editable(personas, version):
    draft = version.new_draft()
    assert draft.number == 2 and not draft.is_published
    assert list(draft.questions().values_list("code", flat=True)) == list(
        version.questions().values_list("code", flat=True))
    question = draft.questions().get(code="capacity")
    question.text = "Kapasite kullanımı (yeni)"
    question.save()
    draft.publish()
    assert version.questions().get(code="capacity").text == "Soru capacity"


@pytest.mark.django_db
def test_a_visit_keeps_the_version_it_started_with(personas, version):
    visit = VisitFactory(program=personas.program, agent=personas.agent1)
    save_draft(visit=visit, answers={"capacity": "60"}, by=personas.agent1)
    newer = version.new_draft()
    newer.publish()
    visit.refresh_from_db()
    assert visit.questionnaire_version == version
    later = VisitFactory(program=personas.program, agent=personas.agent1)
    save_draft(visit=later, answers={}, by=personas.agent1)
    later.refresh_from_db()
    assert later.questionnaire_version == newer


@pytest.mark.django_db
def test_admin_refuses_to_edit_a_published_question(client, personas, version):
    question = version.questions().get(code="capacity")
    client.force_login(personas.coordinator)
    response = client.post(reverse("questions:edit", args=[question.pk]), {
        "section": question.section_id, "order": question.order, "code": "capacity",
        "text": "Değişti", "kind": question.kind, "unit": "%", "choices": "", "help_text": "",
    }, follow=True)
    assert response.redirect_chain[-1][0] == reverse("questions:inspect", args=[question.pk])
    assert "is published and cannot be changed" in response.content.decode()
    assert Question.objects.get(pk=question.pk).text == "Soru capacity"


@pytest.mark.django_db
def test_admin_refuses_to_move_a_draft_question_into_a_published_version(client, personas,
                                                                          version):
    draft = version.new_draft()
    question = draft.questions().get(code="capacity")
    published_section = version.sections.first()
    client.force_login(personas.coordinator)
    response = client.post(reverse("questions:edit", args=[question.pk]), {
        "section": published_section.pk, "order": 99, "code": "capacity",
        "text": "Taşındı", "kind": question.kind, "unit": "%", "choices": "", "help_text": "",
    })
    assert response.status_code == 200
    assert "Version 1 of the questionnaire is published and cannot be changed" in (
        response.content.decode())
    assert Question.objects.get(pk=question.pk).section.version == draft


@pytest.mark.django_db
def test_admin_sends_edits_of_a_published_version_to_its_page(client, personas, version):
    client.force_login(personas.coordinator)
    response = client.get(reverse("questionnaire_versions:edit", args=[version.pk]), follow=True)
    assert "is published and cannot be changed; create a new draft version" in (
        response.content.decode())


@pytest.mark.django_db
def test_coordinator_publishes_a_draft_and_creates_a_new_one_in_admin(client, personas):
    draft = questionnaire_version(personas.program, publish=False)
    client.force_login(personas.coordinator)
    url = reverse("field_questionnaire_version_action", args=[draft.pk, "publish"])
    assert client.get(url).status_code == 200
    client.post(url)
    draft.refresh_from_db()
    assert draft.is_published
    client.post(reverse("field_questionnaire_version_action", args=[draft.pk, "new_draft"]))
    assert draft.questionnaire.versions.filter(number=2, status="draft").exists()


@pytest.mark.django_db
def test_supervisor_cannot_publish(client, personas):
    draft = questionnaire_version(personas.program, publish=False)
    client.force_login(personas.supervisor)
    client.post(reverse("field_questionnaire_version_action", args=[draft.pk, "publish"]))
    draft.refresh_from_db()
    assert not draft.is_published


@pytest.mark.django_db
def test_version_actions_fit_the_version_state(client, personas, version):
    from django.urls import reverse

    client.force_login(personas.coordinator)
    url = "field_questionnaire_version_action"
    assert client.post(reverse(url, args=[version.pk, "publish"])).status_code == 404
    assert client.post(reverse(url, args=[version.pk, "anything"])).status_code == 404
    assert version.questionnaire.versions.count() == 1
    assert client.post(reverse(url, args=[version.pk, "new_draft"])).status_code == 302
    assert version.questionnaire.versions.count() == 2
