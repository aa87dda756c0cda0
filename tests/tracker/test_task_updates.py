"""Task states, progress updates, and what a focal point may and may not change."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests.factories import TaskFactory
from tracker.models import Task, TaskUpdate
from tracker.services import post_task_update


def test_status_moves_are_recorded_with_who_and_when(roadmap, personas):
    task = roadmap.kto_task
    task.change_status(Task.Status.IN_PROGRESS, by=personas.focal_point)
    task.refresh_from_db()
    assert task.status == Task.Status.IN_PROGRESS
    assert task.status_changed_by == personas.focal_point
    assert task.status_changed_at is not None
    assert ModelLogEntry.objects.filter(object_id=str(task.pk),
                                        action="tracker.task.status").count() == 1


def test_an_illegal_move_is_refused_with_the_allowed_ones(roadmap, personas):
    task = roadmap.kto_task
    task.change_status(Task.Status.IN_PROGRESS, by=personas.focal_point)
    with pytest.raises(ValidationError) as error, translation.override("en"):
        task.change_status(Task.Status.TO_DO, by=personas.focal_point)
    assert error.value.messages == [
        "A task that is “In progress” cannot become “To do”; it can become: Blocked, Done."
    ]
    assert Task.objects.get(pk=task.pk).status == Task.Status.IN_PROGRESS


def test_blocking_needs_a_reason(roadmap, personas):
    with pytest.raises(ValidationError, match="Say what blocks the task"):
        roadmap.kto_task.change_status(Task.Status.BLOCKED, by=personas.focal_point)
    roadmap.kto_task.change_status(Task.Status.BLOCKED, by=personas.focal_point,
                                   reason="Bütçe aktarılmadı")
    assert Task.objects.get(pk=roadmap.kto_task.pk).blocked_reason == "Bütçe aktarılmadı"


def test_overdue_and_due_soon_are_computed(roadmap, today):
    import datetime

    task = roadmap.kto_task
    assert not task.is_overdue(today) and task.is_due_soon(today)
    assert task.is_overdue(today + datetime.timedelta(days=1))
    assert Task.objects.overdue(today + datetime.timedelta(days=1)).count() == 2
    assert not task.is_due_soon(today - datetime.timedelta(days=8))


def test_action_progress_comes_from_its_tasks(roadmap, personas):
    TaskFactory(action=roadmap.kto_action, title="İkinci görev")
    assert roadmap.kto_action.progress_summary() == (0, "0 of 2 tasks done")
    post_task_update(task=roadmap.kto_task, by=personas.focal_point, text="Bitti",
                     status=Task.Status.DONE)
    assert roadmap.kto_action.progress_summary() == (50, "1 of 2 tasks done")


def test_an_action_without_tasks_takes_entered_progress_with_a_reason(roadmap, personas):
    action = roadmap.kto_action
    action.tasks.all().delete()
    with pytest.raises(ValidationError, match="Say why"):
        action.record_progress(percent=40, reason=" ", by=personas.coordinator)
    action.record_progress(percent=40, reason="Çalıştay yapıldı", by=personas.coordinator)
    assert action.progress_summary() == (40, "Entered: Çalıştay yapıldı")


def test_kto_posts_an_update_and_sees_the_action_progress_change(client, roadmap, personas):
    client.force_login(personas.focal_point)
    url = reverse("tasks:post_update", args=[roadmap.kto_task.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Çalıştay tamamlandı", "status": "done",
                                 "blocked_reason": "", "percent_complete": "0"})
    assert response.status_code == 302
    assert TaskUpdate.objects.get().posted_by == personas.focal_point
    page = client.get(reverse("actions:inspect", args=[roadmap.kto_action.pk]))
    assert page.status_code == 200
    assert "100%" in page.content.decode()
    assert "1 of 1 tasks done" in page.content.decode()


def test_a_blocked_update_without_reason_changes_nothing(client, roadmap, personas):
    client.force_login(personas.focal_point)
    url = reverse("tasks:post_update", args=[roadmap.kto_task.pk])
    response = client.post(url, {"text": "Durdu", "status": "blocked", "blocked_reason": ""})
    assert response.status_code == 200
    assert "Say what blocks the task." in response.content.decode()
    assert Task.objects.get(pk=roadmap.kto_task.pk).status == Task.Status.TO_DO
    assert not TaskUpdate.objects.exists()


def test_kto_cannot_update_another_institutions_task_by_a_guessed_url(client, roadmap,
                                                                       personas):
    client.force_login(personas.focal_point)
    url = reverse("tasks:post_update", args=[roadmap.kayso_task.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"text": "Bitti", "status": "done", "blocked_reason": ""})
    assert response.status_code == 404
    assert Task.objects.get(pk=roadmap.kayso_task.pk).status == Task.Status.TO_DO
    assert not TaskUpdate.objects.exists()
    assert client.get(reverse("tasks:inspect", args=[roadmap.kayso_task.pk])).status_code == 404


def test_kto_cannot_edit_tasks_or_the_plan_by_a_crafted_post(client, roadmap, personas):
    client.force_login(personas.focal_point)
    for task in (roadmap.kto_task, roadmap.kayso_task):
        response = client.post(reverse("tasks:edit", args=[task.pk]), {
            "action": task.action_id, "title_tr": "Ele geçirildi",
            "assigned_institution": personas.kto.pk, "due_date": "2030-01-01",
        })
        assert response.status_code in (302, 403, 404)
        task.refresh_from_db()
        assert task.title != "Ele geçirildi"
        assert str(task.due_date) != "2030-01-01"
    response = client.post(reverse("actions:add"), {
        "goal": roadmap.goal.pk, "code": "X", "title_tr": "Yeni eylem", "lead": personas.kto.pk,
        "start_date": "2026-12-01", "end_date": "2027-01-01",
    })
    assert response.status_code in (302, 403)
    assert not roadmap.goal.actions.filter(title_tr="Yeni eylem").exists()
    response = client.post(reverse("tasks:delete", args=[roadmap.kto_task.pk]))
    assert Task.objects.filter(pk=roadmap.kto_task.pk).exists()


def test_a_member_of_another_institution_is_refused_by_the_service(roadmap, personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        post_task_update(task=roadmap.kayso_task, by=personas.focal_point, text="Bitti",
                         status=Task.Status.DONE)
    assert Task.objects.get(pk=roadmap.kayso_task.pk).status == Task.Status.TO_DO


def test_kto_sees_only_its_institutions_tasks_and_actions(client, roadmap, personas):
    client.force_login(personas.focal_point)
    tasks = client.get(reverse("tasks:index")).content.decode()
    assert "KTO görevi" in tasks and "KAYSO görevi" not in tasks
    actions = client.get(reverse("actions:index")).content.decode()
    assert "Kümelenme çalıştayı" in actions and "Yalın üretim eğitimi" not in actions
    response = client.get(reverse("tasks:index") + "?export=csv")
    export = b"".join(response.streaming_content).decode()
    assert "KTO görevi" in export and "KAYSO görevi" not in export


def test_a_coordinator_enters_progress_for_an_action_without_tasks(client, roadmap, personas):
    action = roadmap.kto_action
    action.tasks.all().delete()
    client.force_login(personas.coordinator)
    url = reverse("actions:record_progress", args=[action.pk])
    client.post(url, {"percent": "60", "reason": ""})
    action.refresh_from_db()
    assert action.progress_entered is None
    client.post(url, {"percent": "60", "reason": "Çalıştay yapıldı, rapor bekleniyor"})
    page = client.get(reverse("actions:inspect", args=[action.pk])).content.decode()
    assert "60%" in page
    assert "Entered: Çalıştay yapıldı, rapor bekleniyor" in page


def test_a_focal_point_cannot_enter_action_progress(client, roadmap, personas):
    roadmap.kto_action.tasks.all().delete()
    client.force_login(personas.focal_point)
    client.post(reverse("actions:record_progress", args=[roadmap.kto_action.pk]),
                {"percent": "90", "reason": "Bitti"})
    roadmap.kto_action.refresh_from_db()
    assert roadmap.kto_action.progress_entered is None


def test_the_update_form_offers_only_reachable_statuses(client, roadmap, personas):
    roadmap.kto_task.change_status(Task.Status.BLOCKED, by=personas.focal_point,
                                   reason="Bütçe yok")
    client.force_login(personas.focal_point)
    url = reverse("tasks:post_update", args=[roadmap.kto_task.pk])
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["status"].choices] == [
        "todo", "in_progress", "blocked"]
    response = client.post(url, {"text": "Bitti", "status": "done", "blocked_reason": ""})
    assert response.status_code == 200
    assert Task.objects.get(pk=roadmap.kto_task.pk).status == Task.Status.BLOCKED


def test_task_listing_filters_by_institution_and_overdue(client, roadmap, personas, today):
    import datetime

    late = TaskFactory(action=roadmap.kayso_action, title="Geciken eğitim takvimi",
                       due_date=today - datetime.timedelta(days=3))
    client.force_login(personas.coordinator)
    url = reverse("tasks:index")
    page = client.get(url, {"assigned_institution": personas.other_institution.pk,
                            "due": "overdue"}).content.decode()
    assert late.title in page
    assert "KAYSO görevi" not in page
    assert "KTO görevi" not in page


def test_the_institution_filter_lists_only_visible_institutions(client, roadmap, personas):
    from tests.factories import InstitutionFactory

    InstitutionFactory(program=personas.other_program, name="Başka İl Odası")
    client.force_login(personas.focal_point)
    page = client.get(reverse("tasks:index")).content.decode()
    assert f'<option value="{personas.other_institution.pk}">' in page
    assert "Başka İl Odası" not in page
