"""Supervisors review, schedule and record findings from the field app."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldvisits.models import Finding, Visit
from fieldvisits.services import submit_visit
from tests.factories import VisitFactory
from tests.fieldvisits.helpers import COMPLETE_ANSWERS


@pytest.fixture
def submitted(personas, scheduled_visit):
    submit_visit(visit=scheduled_visit, answers=COMPLETE_ANSWERS, submission_uuid=uuid.uuid4(),
                 by=personas.agent1)
    return scheduled_visit


@pytest.mark.django_db
def test_review_queue_lists_submitted_visits_and_planned_ones(client, personas, submitted):
    VisitFactory(program=personas.program, status=Visit.Status.PLANNED, agent=None,
                 firm__trade_name="Planlı Tekstil A.Ş.")
    client.force_login(personas.supervisor)
    page = client.get(reverse("field:review_queue")).content.decode()
    assert "Erciyes Mobilya A.Ş." in page and "Planlı Tekstil A.Ş." in page


@pytest.mark.django_db
def test_supervisor_sees_the_answers_and_approves(client, personas, submitted):
    client.force_login(personas.supervisor)
    page = client.get(reverse("field:review", args=[submitted.pk])).content.decode()
    assert "Fuar desteği istiyor." in page and "Finansman, Personel" in page
    client.post(reverse("field:review", args=[submitted.pk]), {"action": "approve"})
    submitted.refresh_from_db()
    assert submitted.status == Visit.Status.APPROVED


@pytest.mark.django_db
def test_returning_without_a_comment_is_refused(client, personas, submitted):
    client.force_login(personas.supervisor)
    response = client.post(reverse("field:review", args=[submitted.pk]), {"action": "return"})
    assert response.status_code == 400
    assert "Write at least one comment" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Visit.Status.SUBMITTED


@pytest.mark.django_db
def test_supervisor_assigns_and_schedules_a_planned_visit(client, personas):
    visit = VisitFactory(program=personas.program, status=Visit.Status.PLANNED, agent=None,
                         scheduled_date=None)
    client.force_login(personas.supervisor)
    response = client.post(reverse("field:schedule", args=[visit.pk]),
                           {"scheduled_date": "2026-10-12", "agent": personas.agent2.pk})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.agent, visit.scheduled_date) == (
        Visit.Status.SCHEDULED, personas.agent2, datetime.date(2026, 10, 12))
    client.force_login(personas.agent2)
    assert visit.firm.trade_name in client.get(reverse("field:home")).content.decode()


@pytest.mark.django_db
def test_schedule_form_offers_only_agents_of_the_programme(client, personas):
    visit = VisitFactory(program=personas.program, status=Visit.Status.PLANNED, agent=None)
    client.force_login(personas.supervisor)
    response = client.post(reverse("field:schedule", args=[visit.pk]),
                           {"scheduled_date": "2026-10-12", "agent": personas.coordinator.pk})
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PLANNED


@pytest.mark.django_db
def test_supervisor_records_a_finding(client, personas, submitted):
    client.force_login(personas.supervisor)
    client.post(reverse("field:add_finding", args=[submitted.pk]), {
        "pillar": "export_readiness", "severity": "high", "text": "Yabancı dilde katalog yok."})
    finding = Finding.objects.get()
    assert (finding.visit, finding.pillar, finding.recorded_by) == (
        submitted, "export_readiness", personas.supervisor)
    page = client.get(reverse("field:visit", args=[submitted.pk])).content.decode()
    assert "Yabancı dilde katalog yok." in page


@pytest.mark.django_db
def test_agent_home_groups_visits(client, personas, version):
    today = timezone.localdate()
    VisitFactory(program=personas.program, agent=personas.agent1, scheduled_date=today,
                 firm__trade_name="Bugün A.Ş.")
    VisitFactory(program=personas.program, agent=personas.agent1,
                 scheduled_date=today + datetime.timedelta(days=3), firm__trade_name="Yakında A.Ş.")
    VisitFactory(program=personas.program, agent=personas.agent1, status=Visit.Status.RETURNED,
                 firm__trade_name="İade A.Ş.")
    VisitFactory(program=personas.program, agent=personas.agent2, scheduled_date=today,
                 firm__trade_name="Başkasının A.Ş.")
    client.force_login(personas.agent1)
    page = client.get(reverse("field:home")).content.decode()
    assert page.index("İade A.Ş.") < page.index("Bugün A.Ş.") < page.index("Yakında A.Ş.")
    assert "Başkasının A.Ş." not in page


@pytest.mark.django_db
def test_the_review_trail_stays_in_the_admin_after_approval(client, personas, submitted):
    notes = submitted.answers.get(question__code="notes").question
    submitted.return_for_changes(by=personas.supervisor,
                                 comments={notes: "Hangi fuar?", None: "Eksik."})
    visit = Visit.objects.get(pk=submitted.pk)
    submit_visit(visit=visit, answers={**COMPLETE_ANSWERS, "notes": "Hannover fuarı."},
                 submission_uuid=uuid.uuid4(), by=personas.agent1)
    Visit.objects.get(pk=submitted.pk).approve(by=personas.supervisor)
    client.force_login(personas.coordinator)
    page = client.get(reverse("visits:inspect", args=[submitted.pk])).content.decode()
    assert "Hangi fuar?" in page and "Eksik." in page
    assert "Fuar desteği istiyor." in page and "Hannover fuarı." in page


@pytest.mark.django_db
def test_a_returned_form_keeps_the_decimal_comma_and_the_queue_names_sectors(
        client, personas, scheduled_visit):
    submit_visit(visit=scheduled_visit, answers={**COMPLETE_ANSWERS, "turnover": "84,5"},
                 submission_uuid=uuid.uuid4(), by=personas.agent1)
    client.force_login(personas.supervisor)
    queue = client.get(reverse("field:review_queue"), HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert f"{scheduled_visit.firm.nace_code[:2]} " in queue
    assert scheduled_visit.firm.sector_label in queue
    Visit.objects.get(pk=scheduled_visit.pk).return_for_changes(
        by=personas.supervisor, comments={None: "Ciroyu kontrol edin."})
    client.force_login(personas.agent1)
    client.cookies["django_language"] = "tr"
    form = client.get(reverse("field:visit_form", args=[scheduled_visit.pk])).content.decode()
    assert 'value="84,5"' in form
