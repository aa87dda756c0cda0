"""A task and its updates carry their action's programme (``Task.program``,
``TaskUpdate.program``), so a programme's pages read them by that index: the copy equals
what the action's plan says after every kind of write that creates or moves tasks."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    GoalFactory,
    InstitutionFactory,
    PillarFactory,
    PlanVersionFactory,
    ProgramFactory,
    TaskFactory,
)
from tests.imports.helpers import csv_file, import_file
from tracker.models import PlanVersion, Task, TaskUpdate
from tracker.resources import TaskResource
from tracker.services import approve_plan, post_task_update, revise_plan

pytestmark = pytest.mark.django_db


def stray_rows():
    """Tasks whose programme is not their action's plan's, and updates whose programme is
    not their task's."""
    return (list(Task.objects.exclude(program=F("action__goal__pillar__plan__program"))
                 .values_list("pk", flat=True)),
            list(TaskUpdate.objects.exclude(program=F("task__program"))
                 .values_list("pk", flat=True)))


def draft_of(program):
    """The programme's draft plan (a programme has one at most)."""
    return (PlanVersion.objects.filter(program=program, status=PlanVersion.Status.DRAFT)
            .first() or PlanVersionFactory(program=program, number=99))


def action_of(program, **kwargs):
    return ActionFactory(goal__pillar__plan=draft_of(program), **kwargs)


def post(task, personas, text="Başladı"):
    return post_task_update(task=task, by=personas.coordinator, text=text,
                            status=Task.Status.IN_PROGRESS)


def test_a_new_task_and_its_update_take_the_actions_programme(personas):
    task = TaskFactory(action=action_of(personas.program))
    other = TaskFactory(action=action_of(personas.other_program))
    post(task, personas)
    assert (task.program, other.program) == (personas.program, personas.other_program)
    assert TaskUpdate.objects.get(task=task).program == personas.program
    assert stray_rows() == ([], [])


def test_a_task_moved_to_another_programmes_action_takes_its_updates_along(personas):
    task = TaskFactory(action=action_of(personas.program))
    post(task, personas)
    task.action = action_of(personas.other_program)
    task.save()
    assert Task.objects.get(pk=task.pk).program == personas.other_program
    assert TaskUpdate.objects.get(task=task).program == personas.other_program
    assert stray_rows() == ([], [])


def test_a_status_change_keeps_the_programme_without_reading_the_action(personas):
    task = TaskFactory(action=action_of(personas.program))
    task.percent_complete = 40
    with CaptureQueriesContext(connection) as queries:
        task.save(update_fields=["percent_complete"])
    assert not [query for query in queries if "tracker_action" in query["sql"]]
    assert Task.objects.get(pk=task.pk).program == personas.program


def test_a_whole_save_of_a_task_read_from_the_database_reads_no_action(personas):
    """An admin edit saves every field; the action is the one read, so the programme and
    the updates' programme stay as they are without a query."""
    task = Task.objects.get(pk=TaskFactory(action=action_of(personas.program)).pk)
    task.percent_complete = 40
    with CaptureQueriesContext(connection) as queries:
        task.save()
    assert not [query for query in queries if "tracker_action" in query["sql"]
                or "tracker_taskupdate" in query["sql"]]
    assert Task.objects.get(pk=task.pk).program == personas.program


@pytest.mark.parametrize("moved", ["action", "goal", "pillar", "plan"])
def test_moving_what_holds_a_task_to_another_programme_moves_the_task(personas, roadmap,
                                                                      moved):
    task = TaskFactory(action=action_of(personas.program))
    post(task, personas)
    untouched = roadmap.kto_task
    action = task.action
    target = {"action": lambda: GoalFactory(pillar__plan=draft_of(personas.other_program)),
              "goal": lambda: PillarFactory(plan=draft_of(personas.other_program)),
              "pillar": lambda: draft_of(personas.other_program),
              "plan": lambda: personas.other_program}[moved]()
    row, field = {"action": (action, "goal"), "goal": (action.goal, "pillar"),
                  "pillar": (action.goal.pillar, "plan"),
                  "plan": (action.goal.pillar.plan, "program")}[moved]
    setattr(row, field, target)
    row.save()
    assert Task.objects.get(pk=task.pk).program == personas.other_program
    assert TaskUpdate.objects.get(task=task).program == personas.other_program
    assert Task.objects.get(pk=untouched.pk).program == personas.program
    assert stray_rows() == ([], [])


def test_bulk_created_tasks_and_updates_take_their_programme(personas):
    actions = [action_of(personas.program), action_of(personas.other_program)]
    tasks = Task.objects.bulk_create([
        Task(action=action, title_tr=f"Görev {number}", due_date=datetime.date(2027, 1, 1),
             assigned_institution=action.lead)
        for number, action in enumerate(actions)])
    TaskUpdate.objects.bulk_create([
        TaskUpdate(task=task, posted_by=personas.coordinator, text="Not",
                   status_after=Task.Status.TO_DO) for task in tasks])
    assert [Task.objects.get(pk=task.pk).program for task in tasks] == [
        personas.program, personas.other_program]
    assert stray_rows() == ([], [])


def test_a_bulk_move_to_other_actions_moves_the_programme(personas):
    task = TaskFactory(action=action_of(personas.program))
    post(task, personas)
    task.action = action_of(personas.other_program)
    Task.objects.bulk_update([task], ["action"])
    assert Task.objects.get(pk=task.pk).program == personas.other_program
    assert stray_rows() == ([], [])


def test_a_queryset_move_to_another_action_moves_the_programme(personas):
    task = TaskFactory(action=action_of(personas.program))
    post(task, personas)
    Task.objects.filter(pk=task.pk).update(action=action_of(personas.other_program))
    assert Task.objects.get(pk=task.pk).program == personas.other_program
    assert stray_rows() == ([], [])


def test_a_move_by_expression_must_name_the_programme(personas):
    task = TaskFactory(action=action_of(personas.program))
    with pytest.raises(ValueError, match="name their programme"):
        Task.objects.filter(pk=task.pk).update(action=F("action"))
    assert Task.objects.get(pk=task.pk).program == personas.program


def test_approving_a_revision_moves_tasks_to_the_copies_in_their_programme(personas,
                                                                           roadmap):
    post(roadmap.kto_task, personas)
    draft = revise_plan(plan=roadmap.plan, by=personas.coordinator)
    approve_plan(plan=draft, by=personas.coordinator)
    roadmap.kto_task.refresh_from_db()
    assert roadmap.kto_task.action.plan == draft
    assert roadmap.kto_task.program == personas.program
    assert stray_rows() == ([], [])


def test_imported_tasks_take_the_programme_of_the_import(personas):
    plan = PlanVersionFactory(program=personas.program)
    ActionFactory(goal__pillar__plan=plan, code="E1.1", lead=personas.kto)
    TaskFactory(action=action_of(personas.other_program), code="G-1")
    rows = [["Code", "Title", "Action", "Assigned institution", "Due date"],
            ["G-1", "Fuar katılımı", "E1.1", "KTO", "30.06.2027"],
            ["G-2", "Eğitim", "E1.1", "KTO", "01.03.2027"]]
    run = import_file(TaskResource, csv_file(rows), program=personas.program,
                      user=personas.coordinator)
    assert run.new_count == 2
    assert Task.objects.filter(program=personas.program).count() == 2
    assert stray_rows() == ([], [])


def test_deleting_a_task_leaves_the_others_read_by_programme(personas):
    kept, deleted = (TaskFactory(action=action_of(personas.program)) for _number in range(2))
    TaskFactory(action=action_of(personas.other_program))
    deleted.delete()
    assert list(Task.objects.in_program(personas.program)) == [kept]
    assert list(Task.objects.in_program(personas.program)) == list(
        Task.objects.filter(action__goal__pillar__plan__program=personas.program))


def _fill_programme(size, poster):
    """A programme of ``size`` actions with five tasks each, one update per task."""
    program = ProgramFactory()
    institution = InstitutionFactory(program=program)
    goal = GoalFactory(pillar__plan__program=program)
    for _number in range(size):
        action = ActionFactory(goal=goal, lead=institution)
        tasks = Task.objects.bulk_create([
            Task(action=action, title_tr="Görev", due_date=datetime.date(2026, 1, 1),
                 assigned_institution=institution) for _task in range(5)])
        TaskUpdate.objects.bulk_create([
            TaskUpdate(task=task, posted_by=poster, text="Not", status_after="todo")
            for task in tasks])


def test_the_coordinators_dashboard_reads_as_many_queries_beside_more_programmes(
        client, personas, roadmap):
    client.force_login(personas.coordinator)
    url = reverse("wagtailadmin_home")
    client.get(url)
    _fill_programme(2, personas.coordinator)
    with CaptureQueriesContext(connection) as beside_one:
        assert client.get(url).status_code == 200
    for _number in range(3):
        _fill_programme(4, personas.coordinator)
    with CaptureQueriesContext(connection) as beside_four:
        assert client.get(url).status_code == 200
    assert Task.objects.exclude(program=personas.program).count() == 70
    assert len(beside_four) == len(beside_one)
