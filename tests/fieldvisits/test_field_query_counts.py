"""Field-app pages run the same number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from fieldvisits.models import Question, Visit
from fieldvisits.services import save_draft
from tests.factories import VisitFactory


def add_questions(version, count):
    """Grow a version in place (reopened as a draft for the purpose) to compare sizes."""
    section = version.sections.order_by("order").last()
    start = section.questions.count() + 100
    version.status = "draft"
    version.save(update_fields=["status"])
    Question.objects.bulk_create(
        Question(section=section, order=start + i, code=f"extra_{start + i}",
                 text=f"Ek soru {i}", kind=Question.Kind.INTEGER)
        for i in range(count)
    )
    version.status = "published"
    version.save(update_fields=["status"])


@pytest.mark.django_db
def test_visit_form_queries_do_not_grow_with_questions(client, personas, version,
                                                      scheduled_visit,
                                                      django_assert_max_num_queries):
    client.force_login(personas.agent1)
    url = reverse("field:visit_form", args=[scheduled_visit.pk])
    save_draft(visit=scheduled_visit, answers={"capacity": "50"}, by=personas.agent1)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    add_questions(version, 2 * version.questions().count())
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert "Ek soru 0" in page.content.decode()


@pytest.mark.django_db
def test_home_and_review_queue_queries_do_not_grow_with_visits(client, personas,
                                                               django_assert_max_num_queries):
    def add_visits(n):
        for status in (Visit.Status.SCHEDULED, Visit.Status.SUBMITTED, Visit.Status.RETURNED):
            VisitFactory.create_batch(n, program=personas.program, agent=personas.agent1,
                                      status=status)

    add_visits(2)
    for user, url in ((personas.agent1, reverse("field:home")),
                      (personas.supervisor, reverse("field:review_queue"))):
        client.force_login(user)
        with django_assert_max_num_queries(30) as small:
            client.get(url)
        add_visits(4)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert client.get(url).status_code == 200
