"""A milestone's completion is dated when it is recorded (``MilestoneEvent``), and every
read of milestones as of a day — a phase's counts, status and progress, the panel, the
timeline, the programme report — takes the state it had then."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import MilestoneFactory, PhaseFactory, ProgramFactory
from tracker.models import Milestone, MilestoneEvent, Phase, PhaseStatus
from tracker.queries import MilestoneState, milestones_as_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def done_then(milestone, day):
    return Milestone.objects.as_of(day).get(pk=milestone.pk).done_then


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def edit(client, milestone, **changes):
    """Post the milestone's admin edit form with ``changes`` over its current values."""
    url = reverse("milestones:edit", args=[milestone.pk])
    page = client.get(url).content.decode()
    token = re.search(r'name="loaded_version" value="([^"]*)"', page).group(1)
    data = {"phase": milestone.phase_id, "title_tr": milestone.title_tr,
            "title_en": milestone.title_en, "title_fa": milestone.title_fa,
            "due_date": milestone.due_date.isoformat(),
            "done_date": milestone.done_date.isoformat() if milestone.done_date else "",
            "owner": milestone.owner_id or "", "weight": milestone.weight, "evidence": "",
            "notes": milestone.notes, "loaded_version": token}
    data.update(changes)
    return client.post(url, data)


@pytest.fixture
def phase(personas):
    return PhaseFactory(program=personas.program, start_date=datetime.date(2026, 1, 1),
                        end_date=datetime.date(2027, 12, 31))


def test_a_milestone_completed_in_the_admin_is_done_from_that_day_on(personas, phase):
    milestone = MilestoneFactory(phase=phase, due_date=datetime.date(2026, 6, 30))
    response = edit(logged_in(personas.coordinator), milestone, done_date=TODAY.isoformat())
    assert response.status_code == 302
    event = MilestoneEvent.objects.get(milestone=milestone)
    assert (event.done_date, event.by) == (TODAY, personas.coordinator)
    assert done_then(milestone, YESTERDAY) is None
    assert done_then(milestone, TODAY) == TODAY


def test_saving_without_touching_the_done_date_records_no_event(personas, phase):
    milestone = MilestoneFactory(phase=phase, done_date=datetime.date(2026, 3, 2))
    assert edit(logged_in(personas.coordinator), milestone,
                notes="Tutanak arşivde").status_code == 302
    assert MilestoneEvent.objects.filter(milestone=milestone).count() == 1


def test_a_completion_entered_today_for_a_past_day_does_not_change_that_day(personas, phase):
    milestone = MilestoneFactory(phase=phase, due_date=datetime.date(2026, 6, 30))
    edit(logged_in(personas.coordinator), milestone, done_date="2026-06-20")
    assert done_then(milestone, datetime.date(2026, 6, 30)) is None
    assert done_then(milestone, TODAY) == datetime.date(2026, 6, 20)


def test_a_milestone_reopened_today_was_still_done_yesterday(personas, phase):
    milestone = MilestoneFactory(phase=phase, done_date=datetime.date(2026, 3, 2))
    edit(logged_in(personas.coordinator), milestone, done_date="")
    assert done_then(milestone, YESTERDAY) == datetime.date(2026, 3, 2)
    assert done_then(milestone, TODAY) is None


def test_a_done_date_after_the_day_read_is_open_that_day(phase):
    # Recorded in advance (the factory's event is dated now when the day lies ahead).
    ahead = TODAY + datetime.timedelta(days=10)
    milestone = MilestoneFactory(phase=phase, done_date=ahead)
    assert done_then(milestone, TODAY) is None
    assert done_then(milestone, ahead) == ahead


def test_phase_counts_follow_the_history(personas, phase):
    first = MilestoneFactory(phase=phase, due_date=datetime.date(2026, 3, 31), weight=3,
                             done_date=datetime.date(2026, 3, 20))
    second = MilestoneFactory(phase=phase, due_date=datetime.date(2026, 6, 30), weight=1)
    edit(logged_in(personas.coordinator), second, done_date=TODAY.isoformat())
    annotated = Phase.objects.with_milestone_counts(YESTERDAY).get(pk=phase.pk)
    assert (annotated.milestones_total, annotated.milestones_done,
            annotated.milestones_overdue, annotated.milestones_weight_done) == (2, 1, 1, 3)
    assert annotated.progress(YESTERDAY) == 75
    assert annotated.status(YESTERDAY)[0] == PhaseStatus.AT_RISK
    today = Phase.objects.with_milestone_counts(TODAY).get(pk=phase.pk)
    assert (today.milestones_done, today.milestones_overdue, today.progress(TODAY)) == (2, 0, 100)
    # Without the annotation a phase counts through the same history.
    plain = Phase.objects.get(pk=phase.pk)
    assert plain.progress(YESTERDAY) == 75
    assert first.events.count() == 1


def test_milestone_states_as_of_a_day(personas, phase):
    day = datetime.date(2026, 6, 1)
    MilestoneFactory(phase=phase, title="Kurul kuruldu", due_date=datetime.date(2026, 3, 1),
                     done_date=datetime.date(2026, 2, 27))
    MilestoneFactory(phase=phase, title="Saha çalışması", due_date=datetime.date(2026, 5, 1))
    MilestoneFactory(phase=phase, title="Eylem planı", due_date=datetime.date(2026, 6, 20))
    MilestoneFactory(phase=phase, title="Ara rapor", due_date=datetime.date(2026, 9, 30))
    assert [(row["milestone"].title, row["state"], row["done_on"])
            for row in milestones_as_of(personas.program, day)] == [
        ("Kurul kuruldu", MilestoneState.DONE, datetime.date(2026, 2, 27)),
        ("Saha çalışması", MilestoneState.OVERDUE, None),
        ("Eylem planı", MilestoneState.DUE_SOON, None),
        ("Ara rapor", MilestoneState.OPEN, None),
    ]


def test_milestone_states_take_one_query_at_any_size(personas, phase,
                                                     django_assert_num_queries):
    for count in (3, 30):
        for index in range(count):
            MilestoneFactory(phase=phase, done_date=datetime.date(2026, 2, 1 + index % 27))
        with django_assert_num_queries(1):
            milestones_as_of(personas.program, TODAY)


def test_an_import_dates_each_changed_done_date(personas, phase):
    from tests.imports.helpers import csv_file, import_file
    from tracker.resources import MilestoneResource

    kept = MilestoneFactory(phase=phase, title="Kurul kuruldu",
                            done_date=datetime.date(2026, 2, 27))
    rows = [["Title", "Phase", "Due date", "Done date"],
            ["Kurul kuruldu", phase.name_tr, "01.03.2026", "27.02.2026"],
            ["Saha çalışması", phase.name_tr, "30.06.2026", "15.06.2026"],
            ["Eylem planı", phase.name_tr, "31.12.2026", ""]]
    import_file(MilestoneResource, csv_file(rows), program=personas.program,
                user=personas.coordinator)
    field_study = Milestone.objects.get(title_tr="Saha çalışması")
    event = MilestoneEvent.objects.get(milestone=field_study)
    assert (event.done_date, event.by, timezone.localtime(event.at).date()) == (
        datetime.date(2026, 6, 15), personas.coordinator, TODAY)
    assert kept.events.count() == 1
    assert not MilestoneEvent.objects.filter(milestone__title_tr="Eylem planı").exists()
    # Added by today's import: absent yesterday, done on its done date from today on.
    assert not Milestone.objects.as_of(YESTERDAY).filter(pk=field_study.pk).exists()
    assert done_then(field_study, TODAY) == datetime.date(2026, 6, 15)


def test_the_backfill_dates_each_done_milestone_at_the_start_of_its_done_date(phase):
    from importlib import import_module

    from django.apps import apps

    history = import_module("tracker.migrations.0018_milestone_history")
    # Rows as they stood before the history existed: written without events, there since
    # the programme began.
    early = {"created_at": Milestone.created_with_programme(phase.program)}
    done = Milestone.objects.create(**early, phase=phase, title_tr="Kurul kuruldu",
                                    due_date=datetime.date(2026, 3, 31),
                                    done_date=datetime.date(2026, 3, 2))
    ahead = Milestone.objects.create(**early, phase=phase, title_tr="Ara rapor",
                                     due_date=TODAY + datetime.timedelta(days=30),
                                     done_date=TODAY + datetime.timedelta(days=5))
    open_one = Milestone.objects.create(**early, phase=phase, title_tr="Eylem planı",
                                        due_date=datetime.date(2026, 9, 30))
    history.backfill(apps, None)
    event = done.events.get()
    assert (timezone.localtime(event.at), event.done_date, event.note, event.by) == (
        timezone.make_aware(datetime.datetime(2026, 3, 2)), datetime.date(2026, 3, 2),
        "backfill", None)
    assert ahead.events.get().at <= timezone.now()
    assert not open_one.events.exists()
    assert done_then(done, datetime.date(2026, 3, 1)) is None
    assert done_then(done, datetime.date(2026, 3, 2)) == datetime.date(2026, 3, 2)


def test_the_creation_backfill_takes_the_earliest_known_moment(personas, phase):
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("tracker.migrations.0021_milestone_created_at").backfill
    planned = MilestoneFactory(phase=phase)
    early = MilestoneFactory(phase=phase)
    before_start = timezone.make_aware(datetime.datetime(2025, 12, 15, 9))
    MilestoneEvent.objects.create(milestone=early, at=before_start, done_date=None)
    future = ProgramFactory(start_date=TODAY + datetime.timedelta(days=90),
                            end_date=TODAY + datetime.timedelta(days=900))
    ahead = MilestoneFactory(phase=PhaseFactory(program=future, start_date=future.start_date,
                                                end_date=future.end_date))
    moment = timezone.now()
    backfill(apps, None)
    for milestone in (planned, early, ahead):
        milestone.refresh_from_db()
    start = timezone.make_aware(datetime.datetime.combine(personas.program.start_date,
                                                          datetime.time.min))
    assert planned.created_at == start  # no event: there since the programme began
    assert early.created_at == before_start
    # A programme yet to start: its milestones exist from the migration on.
    assert moment <= ahead.created_at <= timezone.now()
