"""Task imports: created and updated by their stable code, statuses by label."""

import datetime

import pytest

from tests.factories import (
    ActionFactory,
    GoalFactory,
    PillarFactory,
    PlanVersionFactory,
    TaskFactory,
)
from tests.imports.helpers import csv_file, import_file, messages_of, preview
from tracker.models import Task
from tracker.resources import TaskResource

HEADER = ["Code", "Title", "Action", "Assigned institution", "Due date", "Status",
          "Reason blocked"]


@pytest.fixture
def action(personas):
    plan = PlanVersionFactory(program=personas.program)
    goal = GoalFactory(pillar=PillarFactory(plan=plan))
    return ActionFactory(goal=goal, code="E1.1", lead=personas.kto)


@pytest.mark.django_db
def test_tasks_are_created_with_their_codes(personas, action):
    rows = [HEADER, ["G-1", "Fuar katılımı", "E1.1", "KTO", "30.06.2027", "Yapılacak", ""],
            ["G-2", "Eğitim", "e1.1", "Kayseri Sanayi Odası", "2027-03-01", "Done", ""]]
    run = import_file(TaskResource, csv_file(rows), program=personas.program,
                      user=personas.coordinator)
    assert run.new_count == 2
    first, second = Task.objects.order_by("code")
    assert (first.code, first.action, first.assigned_institution, first.due_date) == (
        "G-1", action, personas.kto, datetime.date(2027, 6, 30))
    assert (second.status, second.percent_complete) == ("done", 100)


@pytest.mark.django_db
def test_a_task_is_updated_by_its_code(personas, action):
    task = TaskFactory(action=action, code="G-1", title="Eski")
    rows = [HEADER, ["G-1", "Yeni", "E1.1", "KTO", "30.06.2027", "In progress", ""]]
    run = import_file(TaskResource, csv_file(rows), program=personas.program,
                      user=personas.coordinator)
    task.refresh_from_db()
    assert (run.updated_count, task.title_tr, task.status, task.status_changed_by) == (
        1, "Yeni", "in_progress", personas.coordinator)


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "column", "message"), [
    (["G-2", "T", "X9", "KTO", "30.06.2027", "", ""], "Action",
     "Action “X9”: no action of the programme's plan has this code."),
    (["G-2", "T", "E1.1", "TOBB", "30.06.2027", "", ""], "Assigned institution",
     "“TOBB”: no institution of the programme has this name or short name."),
    (["G-2", "T", "E1.1", "KTO", "yarın", "", ""], "Due date",
     "“yarın” is not a date; write it as 23.11.2026."),
    (["G-2", "T", "E1.1", "KTO", "30.06.2027", "Bitti mi", ""], "Status",
     "“Bitti mi” is not one of: To do, In progress, Blocked, Done."),
    (["G-2", "T", "E1.1", "KTO", "30.06.2027", "Blocked", ""], "Reason blocked",
     "Say what blocks the task."),
    (["", "T", "E1.1", "KTO", "30.06.2027", "", ""], "Code", "This column cannot be empty."),
])
def test_a_bad_task_row_is_rejected(personas, action, row, column, message):
    rows = [HEADER, ["G-1", "İyi", "E1.1", "KTO", "30.06.2027", "", ""], row]
    run = preview(TaskResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert messages_of(run) == [(3, column, message)]
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_a_status_change_outside_the_workflow_is_rejected(personas, action):
    task = TaskFactory(action=action, code="G-1")
    task.change_status("done", by=personas.coordinator)
    rows = [HEADER, ["G-1", task.title, "E1.1", "KTO", "31.12.2026", "Blocked", "Bütçe"]]
    run = preview(TaskResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert messages_of(run) == [(2, "Status", "A task that is “Done” cannot become “Blocked”; "
                                              "it can become: In progress.")]


@pytest.mark.django_db
def test_an_action_of_another_programme_is_out_of_reach(personas, action):
    other_plan = PlanVersionFactory(program=personas.other_program)
    ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=other_plan)), code="D1")
    rows = [HEADER, ["G-1", "T", "D1", "KTO", "30.06.2027", "", ""]]
    run = preview(TaskResource, csv_file(rows), program=personas.program,
                  user=personas.coordinator)
    assert run.rejected_count == 1
