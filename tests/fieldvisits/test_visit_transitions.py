"""Each state transition of a visit, legal and illegal, and the history it leaves."""

import datetime

import pytest

from core.workflow import IllegalMove
from fieldvisits.models import Visit
from tests.factories import VisitFactory
from tests.fieldvisits.helpers import shown

S = Visit.Status


def visit_in(status, personas):
    return VisitFactory(program=personas.program, agent=personas.agent1, status=status)


@pytest.mark.django_db
def test_schedule_sets_date_and_agent_and_records_who(personas):
    visit = visit_in(S.PLANNED, personas)
    visit.schedule(date=datetime.date(2026, 10, 5), agent=personas.agent2, by=personas.supervisor)
    visit.refresh_from_db()
    assert (visit.status, visit.agent, visit.scheduled_date) == (
        S.SCHEDULED, personas.agent2, datetime.date(2026, 10, 5))
    event = visit.events.get()
    assert (event.from_status, event.to_status, event.by) == (S.PLANNED, S.SCHEDULED,
                                                              personas.supervisor)
    assert "2026-10-05" in event.note


@pytest.mark.django_db
def test_reschedule_is_allowed_but_not_to_a_non_agent(personas):
    visit = visit_in(S.SCHEDULED, personas)
    visit.schedule(date=datetime.date(2026, 11, 1), agent=personas.agent1, by=personas.supervisor)
    with pytest.raises(IllegalMove, match="not a field agent of this programme"):
        visit.schedule(date=datetime.date(2026, 11, 2), agent=personas.supervisor,
                       by=personas.supervisor)
    visit.refresh_from_db()
    assert visit.scheduled_date == datetime.date(2026, 11, 1)


@pytest.mark.django_db
def test_start_binds_the_published_version(personas, version):
    visit = visit_in(S.SCHEDULED, personas)
    visit.start(by=personas.agent1, version=version)
    visit.refresh_from_db()
    assert visit.status == S.IN_PROGRESS
    assert visit.questionnaire_version == version


@pytest.mark.django_db
def test_full_cycle_submit_return_restart_submit_approve(personas, version):
    visit = visit_in(S.SCHEDULED, personas)
    visit.start(by=personas.agent1, version=version)
    visit.submit(by=personas.agent1)
    assert visit.submitted_at is not None
    visit.return_for_changes(by=personas.supervisor, comments={None: "Kapasiteyi kontrol et."})
    assert visit.status == S.RETURNED
    assert [c.text for c in visit.open_review_comments()] == ["Kapasiteyi kontrol et."]
    visit.start(by=personas.agent1)
    visit.submit(by=personas.agent1)
    visit.approve(by=personas.supervisor)
    visit.refresh_from_db()
    assert visit.status == S.APPROVED
    assert [(e.to_status, e.by.username) for e in visit.events.all()] == [
        (S.IN_PROGRESS, "agent1"), (S.SUBMITTED, "agent1"), (S.RETURNED, "supervisor"),
        (S.IN_PROGRESS, "agent1"), (S.SUBMITTED, "agent1"), (S.APPROVED, "supervisor"),
    ]


@pytest.mark.django_db
def test_return_needs_a_comment(personas):
    visit = visit_in(S.SUBMITTED, personas)
    with pytest.raises(IllegalMove, match="at least one comment"):
        visit.return_for_changes(by=personas.supervisor, comments={None: "   "})
    visit.refresh_from_db()
    assert visit.status == S.SUBMITTED
    assert not visit.events.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.PLANNED, S.SCHEDULED, S.IN_PROGRESS])
def test_cancel_with_a_reason(personas, status):
    visit = visit_in(status, personas)
    visit.cancel(by=personas.supervisor, reason="Firma kapandı")
    visit.refresh_from_db()
    assert (visit.status, visit.closing_reason) == (S.CANCELLED, "Firma kapandı")


@pytest.mark.django_db
def test_cancel_and_no_show_need_a_reason(personas):
    visit = visit_in(S.SCHEDULED, personas)
    for close in (visit.cancel, visit.mark_no_show):
        with pytest.raises(IllegalMove, match="Give a reason"):
            close(by=personas.agent1, reason="")
    visit.mark_no_show(by=personas.agent1, reason="Kapı kapalıydı")
    assert visit.status == S.NO_SHOW


# (method, keyword arguments, states it refuses)
ILLEGAL = [
    ("submit", {}, [S.PLANNED, S.SCHEDULED, S.SUBMITTED, S.RETURNED, S.APPROVED, S.CANCELLED]),
    ("approve", {}, [S.PLANNED, S.SCHEDULED, S.IN_PROGRESS, S.RETURNED, S.APPROVED, S.NO_SHOW]),
    ("return_for_changes", {"comments": {None: "x"}},
     [S.PLANNED, S.SCHEDULED, S.IN_PROGRESS, S.APPROVED, S.CANCELLED]),
    ("start", {}, [S.PLANNED, S.IN_PROGRESS, S.SUBMITTED, S.APPROVED, S.CANCELLED, S.NO_SHOW]),
    ("cancel", {"reason": "x"}, [S.SUBMITTED, S.RETURNED, S.APPROVED, S.CANCELLED, S.NO_SHOW]),
    ("mark_no_show", {"reason": "x"}, [S.PLANNED, S.IN_PROGRESS, S.SUBMITTED, S.APPROVED]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "kwargs", "states"), ILLEGAL,
                         ids=[case[0] for case in ILLEGAL])
def test_illegal_moves_are_refused_with_a_clear_message(personas, version, method, kwargs,
                                                         states):
    for status in states:
        visit = visit_in(status, personas)
        visit.questionnaire_version = version
        with pytest.raises(IllegalMove) as refused:
            getattr(visit, method)(by=personas.supervisor, **kwargs)
        assert f"“{S(status).label}” cannot become" in str(refused.value)
        visit.refresh_from_db()
        assert visit.status == status
        assert not visit.events.exists()


@pytest.mark.django_db
def test_history_is_shown_on_the_visit_page(client, personas, version):
    visit = visit_in(S.SCHEDULED, personas)
    visit.start(by=personas.agent1, version=version)
    visit.cancel(by=personas.supervisor, reason="Firma taşındı")
    client.force_login(personas.agent1)
    page = client.get(f"/field/visits/{visit.pk}/").content.decode()
    history = page[page.index("<ol class=\"history\">"):]
    scheduled, in_progress, cancelled = (shown(s.label) for s in (
        S.SCHEDULED, S.IN_PROGRESS, S.CANCELLED))
    arrow = '<span class="arrow">→</span>'
    assert f"{scheduled} {arrow} <strong>{in_progress}</strong> · agent1" in history
    assert (f"{in_progress} {arrow} <strong>{cancelled}</strong> · supervisor · "
            "Firma taşındı") in history


@pytest.mark.django_db
def test_history_and_answers_are_shown_in_the_admin_inspect_view(client, personas, version):
    visit = visit_in(S.SCHEDULED, personas)
    visit.start(by=personas.agent1, version=version)
    visit.cancel(by=personas.supervisor, reason="Firma taşındı")
    client.force_login(personas.supervisor)
    page = client.get(f"/admin/visits/inspect/{visit.pk}/").content.decode()
    history = page[page.index(shown("History")):]
    assert (f"{shown(S.IN_PROGRESS.label)} <span class=\"arrow\">→</span> "
            f"{shown(S.CANCELLED.label)}") in history
    assert "Firma taşındı" in history
