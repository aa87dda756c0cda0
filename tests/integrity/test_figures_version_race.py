"""Writers of one programme's field study at the same moment, on PostgreSQL: each write
moves the programme's figures version, none is lost, and neither writer fails."""

import time

import pytest
from django.db import transaction

from fieldvisits.models import Assessment, FiguresVersion
from tests.factories import AssessmentFactory, FirmFactory, ProgramFactory, UserFactory
from tests.integrity.conftest import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

WRITERS = 3


def test_writes_in_overlapping_transactions_each_move_the_version():
    program = ProgramFactory()
    assessor = UserFactory()
    firms = [FirmFactory(program=program) for _ in range(WRITERS)]
    before = FiguresVersion.objects.get(program=program).version

    def assess(firm):
        def write():
            with transaction.atomic():
                AssessmentFactory(firm=firm, assessor=assessor)
                # Held open so the other writers' statements come while this one's
                # version move is not committed yet.
                time.sleep(0.2)
            return "written"
        return write

    results = race(*[assess(firm) for firm in firms])

    assert results == ["written"] * WRITERS
    assert Assessment.objects.filter(program=program).count() == WRITERS
    assert FiguresVersion.objects.get(program=program).version == before + WRITERS
