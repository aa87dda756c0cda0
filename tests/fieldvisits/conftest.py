import datetime

import pytest

from tests.factories import VisitFactory, questionnaire_version


@pytest.fixture
def version(personas):
    return questionnaire_version(personas.program)


@pytest.fixture
def scheduled_visit(personas, version):
    return VisitFactory(program=personas.program, agent=personas.agent1,
                        firm__trade_name="Erciyes Mobilya A.Ş.",
                        scheduled_date=datetime.date(2026, 10, 1))


@pytest.fixture
def started_visit(scheduled_visit, personas, version):
    scheduled_visit.start(by=personas.agent1, version=version)
    return scheduled_visit
