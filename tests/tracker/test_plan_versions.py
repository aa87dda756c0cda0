"""Plan versions: approval, immutability, revision, and which version is current."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.freeze import FrozenError
from tests.factories import ActionFactory, GoalFactory, PlanVersionFactory, TaskFactory
from tracker.models import Action, Goal, Pillar, PlanVersion, Task
from tracker.services import approve_plan, revise_plan


@pytest.fixture
def draft(personas):
    plan = PlanVersionFactory(program=personas.program, number=1, title="Eylem Planı")
    goal = GoalFactory(pillar__plan=plan, pillar__code="P1")
    action = ActionFactory(goal=goal, lead=personas.kto, title="Kümelenme çalıştayı")
    action.partners.add(personas.other_institution)
    return plan


def test_a_coordinator_approves_a_draft_and_who_and_when_are_recorded(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.APPROVED
    assert draft.approved_by == personas.coordinator
    assert draft.approved_at is not None
    entry = ModelLogEntry.objects.get(object_id=str(draft.pk), action="tracker.plan.approve")
    assert entry.user == personas.coordinator


def test_only_a_coordinator_can_approve(personas, draft):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        approve_plan(plan=draft, by=personas.supervisor)
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.DRAFT


def test_an_approved_version_cannot_be_approved_again(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    with pytest.raises(ValidationError, match="Only a draft can be approved"):
        approve_plan(plan=draft, by=personas.coordinator)


def test_an_approved_version_refuses_changes_to_itself_and_its_content(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    draft.title = "Başka"
    with pytest.raises(FrozenError, match="cannot be changed; revise it"):
        draft.save()
    pillar = Pillar.objects.get(plan=draft)
    pillar.name_tr = "Değişti"
    with pytest.raises(FrozenError):
        pillar.save()
    action = Action.objects.get(goal__pillar__plan=draft)
    action.title = "Değişti"
    with pytest.raises(FrozenError):
        action.save()
    with pytest.raises(FrozenError):
        action.delete()
    with pytest.raises(FrozenError):
        Goal(pillar=pillar, order=9, code="P1.9", title="Yeni").save()
    assert Action.objects.get(pk=action.pk).title == "Kümelenme çalıştayı"


def test_revising_copies_pillars_goals_actions_and_partners_into_a_draft(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    revision = revise_plan(plan=draft, by=personas.coordinator)
    assert revision.status == PlanVersion.Status.DRAFT
    assert revision.number == 2
    assert revision.revised_from == draft
    copy = Action.objects.get(goal__pillar__plan=revision)
    assert copy.title == "Kümelenme çalıştayı"
    assert copy.lead == personas.kto
    assert list(copy.partners.all()) == [personas.other_institution]
    assert Pillar.objects.get(plan=revision).code == "P1"
    copy.title = "Kümelenme çalıştayı (genişletilmiş)"
    copy.save()
    original = Action.objects.get(goal__pillar__plan=draft)
    assert original.title == "Kümelenme çalıştayı"


def test_a_second_draft_revision_is_refused(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    revise_plan(plan=draft, by=personas.coordinator)
    with pytest.raises(ValidationError, match="Version 2 is already a draft revision"):
        revise_plan(plan=draft, by=personas.coordinator)
    assert PlanVersion.objects.filter(program=personas.program).count() == 2


def test_only_the_latest_approved_version_is_current(personas, draft):
    assert PlanVersion.objects.current(personas.program) is None
    approve_plan(plan=draft, by=personas.coordinator)
    assert PlanVersion.objects.current(personas.program) == draft
    revision = revise_plan(plan=draft, by=personas.coordinator)
    assert PlanVersion.objects.current(personas.program) == draft
    approve_plan(plan=revision, by=personas.coordinator)
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.SUPERSEDED
    assert PlanVersion.objects.current(personas.program) == revision


def test_approving_a_revision_moves_the_tasks_to_the_copied_actions(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    task = TaskFactory(action=Action.objects.get(goal__pillar__plan=draft))
    revision = revise_plan(plan=draft, by=personas.coordinator)
    approve_plan(plan=revision, by=personas.coordinator)
    task = Task.objects.get(pk=task.pk)
    assert task.action.plan == revision


def test_admin_offers_no_edit_for_an_approved_version(client, personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    client.force_login(personas.coordinator)
    listing = client.get(reverse("plan_versions:index")).content.decode()
    assert reverse("plan_versions:edit", args=[draft.pk]) not in listing
    inspect = client.get(reverse("plan_versions:inspect", args=[draft.pk])).content.decode()
    assert reverse("plan_versions:edit", args=[draft.pk]) not in inspect
    assert "Revise: create a draft copy" in inspect
    response = client.post(reverse("plan_versions:edit", args=[draft.pk]),
                            {"program": personas.program.pk, "number": 1, "title": "Başka"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Eylem Planı"
    action = Action.objects.get(goal__pillar__plan=draft)
    response = client.get(reverse("actions:edit", args=[action.pk]), follow=True)
    assert "Version 1 of the action plan is approved and cannot be changed" in (
        response.content.decode()
    )


def test_approve_and_revise_buttons_work_through_the_admin(client, personas, draft):
    client.force_login(personas.coordinator)
    response = client.post(reverse("plan_versions:approve", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.APPROVED
    response = client.post(reverse("plan_versions:revise", args=[draft.pk]))
    revision = PlanVersion.objects.get(program=personas.program, number=2)
    assert response.url == reverse("plan_versions:inspect", args=[revision.pk])


def test_a_focal_point_cannot_approve_or_revise(client, personas, draft):
    client.force_login(personas.focal_point)
    for name in ("approve", "revise"):
        response = client.post(reverse(f"plan_versions:{name}", args=[draft.pk]))
        assert response.status_code in (302, 403, 404)
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.DRAFT
    assert PlanVersion.objects.filter(program=personas.program).count() == 1


def test_new_plan_content_can_only_go_into_a_draft(client, personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    revision = revise_plan(plan=draft, by=personas.coordinator)
    client.force_login(personas.coordinator)
    form = client.get(reverse("actions:add")).context["form"]
    goals = list(form.fields["goal"].queryset)
    assert goals == list(Goal.objects.filter(pillar__plan=revision))
    approved_goal = Goal.objects.get(pillar__plan=draft)
    response = client.post(reverse("actions:add"), {
        "goal": approved_goal.pk, "code": "X1", "title_tr": "Sızdırılmış eylem",
        "lead": personas.kto.pk, "start_date": "2026-12-01", "end_date": "2027-01-01",
    })
    assert response.status_code == 200
    assert not Action.objects.filter(title_tr="Sızdırılmış eylem").exists()


def test_a_superseded_version_cannot_be_revised(personas, draft):
    approve_plan(plan=draft, by=personas.coordinator)
    approve_plan(plan=revise_plan(plan=draft, by=personas.coordinator), by=personas.coordinator)
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="only an approved version can be revised"):
        revise_plan(plan=draft, by=personas.coordinator)
    assert PlanVersion.objects.filter(program=personas.program).count() == 2


def test_only_a_coordinator_enters_progress_by_hand(personas, draft):
    from tests.factories import ActionFactory, GoalFactory

    action = ActionFactory(goal=GoalFactory(pillar__plan=draft), lead=personas.kto)
    with pytest.raises(ValidationError, match="Only a coordinator of the programme"):
        action.record_progress(percent=40, reason="Toplantılar yapıldı", by=personas.focal_point)
    action.refresh_from_db()
    assert action.progress_entered is None
    action.record_progress(percent=40, reason="Toplantılar yapıldı", by=personas.coordinator)
    action.refresh_from_db()
    assert action.progress_entered == 40
