"""The demo shows the employment agency a CNC operator need it can act on."""

import pytest

from fieldvisits.demo import seed_field_study
from fieldvisits.workforce import reader_programs, workforce_needs
from tests.factories import member
from tracker.access import Role
from tracker.demo import seed_program
from tracker.models import Institution


@pytest.mark.django_db
def test_demo_iskur_focal_point_sees_a_cnc_operator_need(personas, role_groups):
    program = seed_program()
    iskur = Institution.objects.get(program=program, short_name="İŞKUR")
    assert iskur.kind == Institution.Kind.EMPLOYMENT_AGENCY
    assert Institution.objects.filter(program=program,
                                      kind=Institution.Kind.VOCATIONAL_SCHOOL).exists()
    agents = [member(program, Role.AGENT, "demo_agent1"), member(program, Role.AGENT,
                                                                 "demo_agent2")]
    seed_field_study(program, agents)
    focal_point = member(program, Role.FOCAL_POINT, "demo_iskur", institution=iskur)
    _exact, protected = reader_programs(focal_point)
    assert list(protected) == [program]
    cnc = workforce_needs(program, disclose=True).occupation_totals["cnc_operator"]
    assert not cnc.hidden
    assert cnc.people > 0 and cnc.firms >= 5
