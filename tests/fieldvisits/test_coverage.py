"""Coverage against the targets: equal to direct counts, constant number of queries."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldvisits.demo import seed_field_study
from fieldvisits.models import Firm, SelectionDecision, Visit
from fieldvisits.queries import (
    coverage_rows,
    coverage_summaries,
    coverage_summary,
    weekly_burn_up,
)
from fieldvisits.services import submit_visit
from tests.factories import AssessmentFactory, FirmFactory, ProgramFactory, VisitFactory
from tests.fieldvisits.helpers import COMPLETE_ANSWERS, shown


@pytest.mark.django_db
def test_coverage_equals_direct_counts_on_the_seeded_data(personas):
    program = personas.program
    seed_field_study(program, [personas.agent1, personas.agent2], scale=1)
    summary = coverage_summary(program)
    # Counted by hand in Python, one query per table.
    firms = list(Firm.objects.filter(program=program).select_related("assessment"))
    assessed = sum(1 for f in firms if hasattr(f, "assessment"))
    visits = list(Visit.objects.filter(program=program).select_related("firm", "agent"))
    completed = [v for v in visits if v.status in ("submitted", "approved")]
    assert summary["firms_assessed"] == assessed == 2150
    assert summary["visits_completed"] == len(completed)
    assert summary["visits_planned"] == len(visits) == 450
    assert summary["firms_selected"] == SelectionDecision.objects.filter(
        decision="selected").count() == 450
    rows = coverage_rows(program)
    by_district = {r["group"]: r for r in rows if r["breakdown"] == shown("District")}
    kocasinan = [f for f in firms if f.district == "Kocasinan"]
    assert by_district["Kocasinan"]["firms"] == len(kocasinan)
    assert by_district["Kocasinan"]["visited"] == sum(
        1 for v in completed if v.firm.district == "Kocasinan")
    by_agent = {r["group"]: r for r in rows if r["breakdown"] == shown("Field agent")}
    assert by_agent["agent1"]["visited"] == sum(1 for v in completed if v.agent == personas.agent1)
    burn_up = weekly_burn_up(program)
    assert burn_up[-1]["cumulative"] == len(completed)
    assert [w["cumulative"] for w in burn_up] == sorted(w["cumulative"] for w in burn_up)


def make_data(personas, n):
    start = datetime.date(2026, 9, 1)
    for i in range(n):
        visit = VisitFactory(program=personas.program, agent=personas.agent1,
                             firm__district=["Kocasinan", "Talas", "Melikgazi"][i % 3],
                             firm__nace_code=["25.62", "31.09"][i % 2],
                             scheduled_date=start + datetime.timedelta(days=7 * i),
                             status=Visit.Status.APPROVED,
                             submitted_at=timezone.now() - datetime.timedelta(days=7 * i))
        AssessmentFactory(firm=visit.firm)


@pytest.mark.django_db
def test_coverage_report_queries_do_not_grow_with_data(client, personas,
                                                        django_assert_max_num_queries):
    client.force_login(personas.coordinator)
    url = reverse("field_coverage_report")
    make_data(personas, 5)
    client.get(url)
    # The admin menu's items and the current programme's preference cost a fixed number
    # of queries; what matters is no growth.
    with django_assert_max_num_queries(26) as small:
        assert client.get(url).status_code == 200
    make_data(personas, 10)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = client.get(url)
    assert page.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "Kocasinan" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("programmes", [1, 4])
def test_coverage_of_several_programmes_is_two_queries_and_each_programmes_own(
        personas, programmes, django_assert_num_queries):
    make_data(personas, 3)
    others = [ProgramFactory() for _ in range(programmes)]
    for number, program in enumerate(others, start=1):
        for _ in range(number):
            AssessmentFactory(firm=FirmFactory(program=program))
        FirmFactory(program=program)
        SelectionDecision.objects.create(
            firm=FirmFactory(program=program), decision="selected", proposed_decision="selected",
            overall_rank=1, sector_rank=1, district_rank=1, reason="Öncelik 50",
            decided_by=personas.coordinator, decided_at=timezone.now())
    programs = [personas.program, *others]
    with django_assert_num_queries(2):
        counted = coverage_summaries(programs)
    assert counted[personas.program.pk] == coverage_summary(personas.program)
    assert (counted[personas.program.pk]["firms_assessed"],
            counted[personas.program.pk]["visits_completed"]) == (3, 3)
    assert [(counted[p.pk]["firms_assessed"], counted[p.pk]["firms_selected"],
             counted[p.pk]["visits_planned"]) for p in others] == [
        (number, 1, 0) for number in range(1, programmes + 1)]


@pytest.mark.django_db
def test_dashboard_panel_moves_when_a_visit_is_submitted(client, personas, scheduled_visit):
    AssessmentFactory(firm=scheduled_visit.firm)
    client.force_login(personas.coordinator)
    before = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = before[before.index('id="field-coverage-heading"'):]
    assert "<td>1</td><td>2000</td>" in panel
    assert "<td>0</td><td>450</td>" in panel
    submit_visit(visit=scheduled_visit, answers=COMPLETE_ANSWERS, submission_uuid=uuid.uuid4(),
                 by=personas.agent1)
    after = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = after[after.index('id="field-coverage-heading"'):]
    assert "<td>1</td><td>450</td>" in panel


@pytest.mark.django_db
def test_dashboard_panel_is_for_coordinators_and_supervisors_only(client, personas):
    for user, expected in ((personas.coordinator, True), (personas.supervisor, True),
                        (personas.focal_point, False), (personas.editor, False)):
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert ('id="field-coverage-heading"' in page) is expected, user.username


@pytest.mark.django_db
def test_coverage_export_is_a_spreadsheet_with_every_breakdown(client, personas):
    make_data(personas, 3)
    client.force_login(personas.supervisor)
    response = client.get(reverse("field_coverage_report") + "?export=csv")
    body = b"".join(response.streaming_content)
    # As every admin CSV: a BOM and ';' separators, so that Turkish Excel opens it.
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith(";".join(shown(h) for h in ("Breakdown", "Group", "Firms")))
    assert {line.split(";")[0] for line in lines[1:]} == {
        shown(b) for b in ("Overall", "Sector", "District", "Field agent", "Week")}
