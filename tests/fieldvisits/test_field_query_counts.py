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


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["questionnaire_sections", "questions"])
def test_questionnaire_listings_and_exports_stay_flat(
    client, personas, listing, django_assert_max_num_queries
):
    from django.urls import reverse

    from tests.factories import questionnaire_version

    client.force_login(personas.coordinator)
    questionnaire_version(personas.program)
    url = reverse(f"{listing}:index") + "?export=csv"

    def fetch():
        response = client.get(url)
        return b"".join(response.streaming_content)

    fetch()
    with django_assert_max_num_queries(60) as small:
        fetch()
    for number in (2, 3, 4):
        questionnaire_version(personas.program, number=number, publish=False)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = fetch()
    assert b"version 4 (Draft)" in body and b"version 1 (Published)" in body
