import datetime

import pytest
from django.utils import timezone

from tests.factories import VisitFactory, questionnaire_version


@pytest.fixture
def version(personas):
    return questionnaire_version(personas.program)


@pytest.fixture
def visit(personas, version):
    return VisitFactory(program=personas.program, agent=personas.agent1,
                        firm__trade_name="Erciyes Mobilya A.Ş.",
                        scheduled_date=timezone.localdate() + datetime.timedelta(days=1))


@pytest.fixture
def agent_client(client, personas):
    client.force_login(personas.agent1)
    return client
