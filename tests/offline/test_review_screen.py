"""The supervisor's review shows everything: firm, photos, earlier returns, what changed."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fieldvisits.services import add_attachment, submit_visit
from tests.factories import VisitFactory
from tests.fieldvisits.helpers import COMPLETE_ANSWERS

pytestmark = pytest.mark.django_db


def submit(visit, agent, **changes):
    submit_visit(visit=visit, answers={**COMPLETE_ANSWERS, **changes},
                 submission_uuid=uuid.uuid4(), by=agent)


@pytest.fixture
def resubmitted(visit, personas):
    submit(visit, personas.agent1)
    visit.refresh_from_db()
    capacity = visit.answers.get(question__code="capacity").question
    visit.return_for_changes(by=personas.supervisor,
                             comments={capacity: "Beyan 45 idi; kontrol edin."})
    submit(visit, personas.agent1, capacity="45")
    visit.refresh_from_db()
    return visit


def test_a_resubmission_marks_exactly_the_changed_answers(client, personas, resubmitted):
    client.force_login(personas.supervisor)
    response = client.get(reverse("field:review", args=[resubmitted.pk]))
    rows = {row["question"].code: row for row in response.context["rows"]}
    assert [code for code, row in rows.items() if row["changed"]] == ["capacity"]
    assert rows["capacity"]["was"] == "72%"
    assert response.context["changed_count"] == 1
    page = response.content.decode()
    assert "Beyan 45 idi; kontrol edin." in page
    assert "Erciyes Mobilya A.Ş." in page


def test_photos_show_inline_on_the_review(client, personas, visit):
    add_attachment(visit=visit, by=personas.agent1,
                   upload=SimpleUploadedFile("hall.jpg", b"\xff\xd8\xff\xe0" + b"0" * 64))
    submit(visit, personas.agent1)
    client.force_login(personas.supervisor)
    page = client.get(reverse("field:review", args=[visit.pk])).content.decode()
    attachment = visit.attachments.get()
    source = reverse("field:attachment", args=[attachment.pk])
    assert f'<img class="attachment-preview" src="{source}"' in page


def test_the_queue_filters_by_district_and_waits_longest_first(client, personas, version):
    older = VisitFactory(program=personas.program, agent=personas.agent1,
                         firm__district="Melikgazi")
    newer = VisitFactory(program=personas.program, agent=personas.agent2,
                         firm__district="Melikgazi")
    elsewhere = VisitFactory(program=personas.program, agent=personas.agent1,
                             firm__district="Talas")
    for visit, agent in ((older, personas.agent1), (newer, personas.agent2),
                         (elsewhere, personas.agent1)):
        submit(visit, agent)
    older.__class__.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(personas.supervisor)
    response = client.get(reverse("field:review_queue"), {"district": "Melikgazi"})
    assert [(v.pk, days) for v, days in response.context["submitted"]] == [
        (older.pk, 3), (newer.pk, 0)]
    by_agent = client.get(reverse("field:review_queue"), {"agent": personas.agent2.pk})
    assert [v.pk for v, _days in by_agent.context["submitted"]] == [newer.pk]


def test_the_supervisor_sees_the_agents_draft(client, personas, visit):
    from fieldvisits.services import save_draft

    save_draft(visit=visit, answers={"capacity": "55", "notes": "Yarım kaldı"},
               by=personas.agent1)
    client.force_login(personas.supervisor)
    response = client.get(reverse("field:visit", args=[visit.pk]))
    assert [shown for _q, shown in response.context["draft"]] == ["55%", "Yarım kaldı"]
