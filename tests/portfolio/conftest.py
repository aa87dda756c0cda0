"""Programmes with something of every figure the portfolio compares."""

import datetime

import pytest

from clusters.models import Cluster
from fieldvisits.models import Visit
from tests.access import national_coordinator
from tests.cms.conftest import (  # noqa: F401  (the personas' site, built once a module)
    shared_personas_home,
    shared_personas_home_rows,
)
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InstitutionFactory,
    MilestoneFactory,
    PhaseFactory,
    PillarFactory,
    PlanVersionFactory,
    ProgramFactory,
    TaskFactory,
    VisitFactory,
)
from tests.reports.conftest import report_data, reports_root  # noqa: F401  (the report's data)
from tracker.models import IndicatorTarget

TODAY = datetime.date(2026, 11, 23)
PROVINCES = ["Kayseri", "Konya", "Gaziantep", "Denizli", "Bursa", "Manisa", "Kocaeli",
             "Eskişehir", "Samsun", "Trabzon"]


def fill_programme(program, *, firms=3, assessed=2, visits_done=1, overdue=2):
    """A programme with a running phase (one milestone overdue), firms, visits, an
    indicator with a value and this year's target, and ``overdue`` overdue tasks of KTO."""
    phase = PhaseFactory(program=program, order=1, start_date=datetime.date(2026, 1, 1),
                         end_date=datetime.date(2026, 12, 31))
    MilestoneFactory(phase=phase, due_date=datetime.date(2026, 6, 30))
    for number in range(firms):
        firm = FirmFactory(program=program)
        if number < assessed:
            AssessmentFactory(firm=firm)
        if number < visits_done:
            VisitFactory(program=program, firm=firm, status=Visit.Status.APPROVED)
    indicator = IndicatorFactory(program=program, code="EXP")
    IndicatorTarget.objects.create(indicator=indicator, year=TODAY.year, value=4200)
    IndicatorValueFactory(indicator=indicator, value=3900)
    institution = InstitutionFactory(program=program, short_name=f"KTO-{program.pk}")
    action = ActionFactory(goal=GoalFactory(pillar=PillarFactory(
        plan=PlanVersionFactory(program=program))), lead=institution)
    for _number in range(overdue):
        TaskFactory(action=action, assigned_institution=institution,
                    due_date=datetime.date(2026, 10, 1))
    TaskFactory(action=action, assigned_institution=institution,
                due_date=datetime.date(2027, 3, 1))
    add_clusters(program)
    return program


# (stage, furthest stage reached 1–6): one identified, one selected, one completed and
# one dropped after analysis.
CLUSTERS = [("identified", 1), ("selected", 3), ("completed", 6), ("dropped", 2)]


def add_clusters(program):
    for number, (stage, reached) in enumerate(CLUSTERS):
        Cluster.objects.create(
            program=program, name=f"Küme {number}", nace_codes="28.93", stage=stage,
            reached=reached, dropped_reason="Talep yok" if stage == "dropped" else "")


def make_programmes(count):
    return [fill_programme(ProgramFactory(province=PROVINCES[n], name=f"{PROVINCES[n]} İhracat",
                                          slug=f"p-{PROVINCES[n].lower()}"))
            for n in range(count)]


@pytest.fixture
def national(personas):
    return national_coordinator()
