"""A domain row's usage is read from the rows that point at it, not from Wagtail's
reference index: saving a task or a membership writes no index entry and runs no index
job, and the usage page, the edit page's "Used N times" and the delete page's count say
the same number. Rows pointing at the CMS's images and documents stay indexed, so an
image's usage still names the institution whose logo it is."""

import re

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ReferenceIndex

from core.deletion import ReferringRows, references
from tests.factories import (
    ActionFactory,
    GoalFactory,
    PillarFactory,
    PlanVersionFactory,
    TaskFactory,
)
from tracker.models import Membership, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def kto_tasks(personas, role_groups):
    plan = PlanVersionFactory(program=personas.program)
    action = ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=plan)),
                           lead=personas.kto)
    return [TaskFactory(action=action, assigned_institution=personas.kto)
            for _index in range(3)]


def test_saving_domain_rows_writes_no_reference_index_entry(personas, kto_tasks):
    from django.contrib.contenttypes.models import ContentType

    kto_tasks[0].title_tr = "Yeni başlık"
    kto_tasks[0].save()
    domain = ContentType.objects.get_for_models(Task, Membership).values()
    assert not ReferenceIndex.objects.filter(base_content_type__in=domain).exists()
    assert Task not in ReferenceIndex.tracked_models
    assert Membership not in ReferenceIndex.tracked_models


def test_an_images_usage_still_names_the_institution_using_it_as_its_logo(personas,
                                                                          role_groups):
    reverse("institutions:edit", args=[personas.kto.pk])  # the admin's viewsets registered
    image = get_image_model().objects.create(title="KTO logosu",
                                             file=get_test_image_file())
    personas.kto.logo = image
    personas.kto.save()
    sources = [source for source, _references in
               ReferenceIndex.get_references_to(image).group_by_source_object()]
    assert sources == [personas.kto]


def test_referring_rows_count_and_slice_across_relations(personas, kto_tasks):
    rows = ReferringRows(personas.kto)
    # The focal point's membership, the action it leads, its three tasks.
    kinds = [type(row).__name__ for row, _relation in rows[0:len(rows)]]
    assert sorted(kinds) == ["Action", "Membership", "Task", "Task", "Task"]
    assert len(rows) == references(personas.kto) == 5
    assert [row for row, _relation in rows[1:4]] == [
        row for row, _relation in rows[0:5]][1:4]
    assert rows[4] == rows[4:5][0]
    assert rows[5:9] == []
    with pytest.raises(IndexError):
        rows[5]


def _cells(html):
    return [" ".join(cell.split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_usage_page_edit_page_and_delete_page_say_the_same_number(client, personas,
                                                                  kto_tasks):
    client.force_login(personas.coordinator)
    usage = client.get(reverse("institutions:usage", args=[personas.kto.pk]))
    assert usage.status_code == 200
    cells = _cells(usage.content.decode())
    for task in kto_tasks:
        assert f'<div class="title-wrapper"> <a title="Edit this task" ' \
               f'href="/admin/tasks/edit/{task.pk}/"> {task} </a> </div>' in cells
    assert cells.count("Task") == 3 and cells.count("Assigned institution") == 3
    assert cells.count("Lead institution") == 1 and cells.count("Programme membership") == 1
    edit = client.get(reverse("institutions:edit", args=[personas.kto.pk])).content.decode()
    assert "Used 5 times" in edit
    delete = client.get(reverse("institutions:delete", args=[personas.kto.pk]))
    assert delete.context["usage_count"] == 5


def test_a_row_the_reader_may_not_see_is_named_by_its_kind_only(client, personas,
                                                                kto_tasks):
    """A membership of another programme pointing at KTO (written by hand in the
    database) is counted, but its coordinator here reads only "(Private programme membership)"."""
    from tests.factories import UserFactory

    Membership.objects.create(user=UserFactory(username="elsewhere"),
                              program=personas.other_program, role="focal_point",
                              institution=personas.kto)
    client.force_login(personas.coordinator)
    html = client.get(reverse("institutions:usage", args=[personas.kto.pk])).content.decode()
    assert "(Private programme membership)" in html and "elsewhere" not in html
    client.force_login(personas.outsider_coordinator)
    assert client.get(reverse("institutions:usage",
                              args=[personas.kto.pk])).status_code == 404


def test_the_upgrade_removes_the_domain_rows_entries_and_keeps_the_logos(personas,
                                                                         kto_tasks):
    """Entries written before (as every save wrote them) go; an institution's stay."""
    from importlib import import_module

    from django.apps import apps

    reverse("institutions:edit", args=[personas.kto.pk])
    image = get_image_model().objects.create(title="KTO logosu",
                                             file=get_test_image_file())
    personas.kto.logo = image
    personas.kto.save()
    ReferenceIndex.create_or_update_for_object(kto_tasks[0])
    task_entries = ReferenceIndex.objects.filter(object_id=str(kto_tasks[0].pk),
                                                 base_content_type__model="task")
    assert task_entries.exists()
    migration = import_module("tracker.migrations.0025_domain_rows_out_of_the_reference_index")
    migration.remove_domain_entries(apps, None)
    assert not task_entries.exists()
    assert [source for source, _references in
            ReferenceIndex.get_references_to(image).group_by_source_object()] == [personas.kto]
