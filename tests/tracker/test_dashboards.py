"""Admin home panels per role, and their query counts flat with the data size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    InstitutionFactory,
    MilestoneFactory,
    PhaseFactory,
    TaskFactory,
)
from tracker.models import Action, Goal, IndicatorTarget, Pillar, Task
from tracker.queries import blocked_tasks, latest_task_updates, overdue_tasks_by_institution
from tracker.services import post_task_update

D = datetime.timedelta


def add_data(personas, roadmap, today, size):
    """``size`` units of dashboard data: phases, milestones, pillars, actions, tasks,
    institutions and indicators, all in the personas' programme."""
    program = personas.program
    for n in range(size):
        phase = PhaseFactory(program=program, start_date=today - D(days=100 + n),
                             end_date=today + D(days=100))
        MilestoneFactory(phase=phase, due_date=today - D(days=2), owner=personas.kto)
        MilestoneFactory(phase=phase, due_date=today + D(days=10), owner=personas.kto)
        institution = InstitutionFactory(program=program)
        pillar = Pillar.objects.bulk_create([Pillar(plan=roadmap.plan, order=n + 2,
                                                    code=f"D{Pillar.objects.count()}",
                                                    name_tr="Sütun", name_en="Pillar")])[0]
        goal = Goal.objects.bulk_create([Goal(pillar=pillar, order=1, code=f"G{pillar.code}",
                                              title="Hedef")])[0]
        actions = Action.objects.bulk_create([
            Action(goal=goal, code=f"{pillar.code}.{k}", title=f"Eylem {k}", lead=institution,
                   start_date=today, end_date=today + D(days=200)) for k in range(5)
        ])
        Task.objects.bulk_create([
            Task(action=action, title=f"Görev {k}",
                 assigned_institution=personas.kto if k % 2 else institution,
                 due_date=today + D(days=k * 3 - 6),
                 status=Task.Status.DONE if k == 4 else Task.Status.TO_DO,
                 percent_complete=100 if k == 4 else 0)
            for action in actions for k in range(5)
        ])
        indicator = IndicatorFactory(program=program)
        IndicatorTarget.objects.create(indicator=indicator, year=today.year, value=100)
        IndicatorValueFactory(indicator=indicator, value=90)


def home_queries(client, user):
    client.force_login(user)
    url = reverse("wagtailadmin_home")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("persona", ["coordinator", "focal_point"])
def test_home_query_count_is_flat_between_1x_and_3x_data(client, personas, roadmap, today,
                                                          persona,
                                                          django_assert_max_num_queries):
    user = getattr(personas, persona)
    add_data(personas, roadmap, today, 1)
    count_1x, _response = home_queries(client, user)
    add_data(personas, roadmap, today, 2)
    assert Task.objects.count() == 2 + 3 * 25
    with django_assert_max_num_queries(count_1x):
        client.get(reverse("wagtailadmin_home"))


def test_coordinator_sees_phase_status_with_its_reason(client, personas, roadmap, today):
    phase = PhaseFactory(program=personas.program, order=1, name_en="Transformation",
                         start_date=today - D(days=30), end_date=today + D(days=300))
    MilestoneFactory(phase=phase, due_date=today - D(days=1))
    MilestoneFactory(phase=phase, due_date=today - D(days=5))
    MilestoneFactory(phase=phase, title="Eylem planı onayı", due_date=today + D(days=20))
    _count, response = home_queries(client, personas.coordinator)
    html = response.content.decode()
    assert "At risk" in html
    assert "2 milestones overdue" in html
    assert "Eylem planı onayı" in html


def test_overdue_and_due_soon_tasks_are_counted_per_institution(personas, roadmap, today):
    roadmap.kayso_task.due_date = today - D(days=3)
    roadmap.kayso_task.save()
    TaskFactory(action=roadmap.kayso_action, due_date=today - D(days=1))
    TaskFactory(action=roadmap.kto_action, due_date=today + D(days=8))
    rows = [(row["assigned_institution__short_name"], row["overdue"], row["due_soon"])
            for row in overdue_tasks_by_institution(personas.program, today)]
    # KTO's second task is due in 8 days: outside the 7-day window, so not counted.
    assert rows == [("KAYSO", 2, 0), ("KTO", 0, 1)]


def test_the_overdue_counts_link_to_the_filtered_task_list(client, personas, roadmap, today):
    roadmap.kayso_task.due_date = today - D(days=3)
    roadmap.kayso_task.save()
    _count, response = home_queries(client, personas.coordinator)
    html = response.content.decode()
    link = (f"{reverse('tasks:index')}?assigned_institution={personas.other_institution.pk}"
            "&amp;due=overdue")
    assert f'<a class="rm-status rm-status--overdue" href="{link}">1</a>' in html


def test_a_blocked_task_reaches_the_coordinator_panel_with_its_reason(client, personas,
                                                                      roadmap):
    post_task_update(task=roadmap.kayso_task, by=personas.other_focal_point,
                     text="Salon bulunamadı", status=Task.Status.BLOCKED,
                     reason="Fuar alanı Mart ayına kadar dolu")
    blocked = blocked_tasks(personas.program, datetime.date.today())
    assert [(task.title, task.blocked_reason) for task in blocked] == [
        ("KAYSO görevi", "Fuar alanı Mart ayına kadar dolu")]
    _count, response = home_queries(client, personas.coordinator)
    assert "Fuar alanı Mart ayına kadar dolu" in response.content.decode()


def test_a_posted_update_reaches_the_coordinator_panel(client, personas, roadmap):
    post_task_update(task=roadmap.kto_task, by=personas.focal_point,
                     text="Katılımcı listesi tamamlandı", percent=60)
    updates = latest_task_updates(personas.program)
    assert [(u.task.title, u.text, u.percent_complete) for u in updates] == [
        ("KTO görevi", "Katılımcı listesi tamamlandı", 60)]
    _count, response = home_queries(client, personas.coordinator)
    html = response.content.decode()
    assert "Katılımcı listesi tamamlandı" in html
    assert reverse("tasks:inspect", args=[roadmap.kto_task.pk]) in html


def test_focal_point_sees_its_tasks_with_a_one_click_update_link(client, personas, roadmap):
    _count, response = home_queries(client, personas.focal_point)
    html = response.content.decode()
    assert "KTO görevi" in html
    assert reverse("tasks:post_update", args=[roadmap.kto_task.pk]) in html
    assert "KAYSO görevi" not in html
    assert "roadmap-coordinator-" not in html


def test_indicator_target_against_actual_on_the_coordinator_panel(client, personas, roadmap,
                                                                   today):
    indicator = IndicatorFactory(program=personas.program, name_tr="İhracat", code="EXP")
    IndicatorTarget.objects.create(indicator=indicator, year=today.year, value=3950)
    # The panel reads values of periods that have ended and been locked, as reports do.
    value = IndicatorValueFactory(indicator=indicator, value=3990, period__end_date=today,
                                  period__start_date=today - datetime.timedelta(days=90))
    value.period.lock(by=personas.coordinator)
    _count, response = home_queries(client, personas.coordinator)
    html = response.content.decode()
    # The test client reads English (see conftest): 3,950 rather than Turkish 3.950.
    assert "3,950" in html
    assert "3,990" in html


def test_supervisor_and_editor_get_no_roadmap_panel(client, personas, roadmap):
    for user in (personas.supervisor, personas.editor):
        _count, response = home_queries(client, user)
        html = response.content.decode()
        assert "roadmap-coordinator-" not in html
        assert "roadmap-focal-point" not in html
