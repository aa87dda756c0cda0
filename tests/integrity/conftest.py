"""Fixtures for the integrity tests: a visit at each step, a small plan, and ``race``,
which runs requests at the same moment on threads that each hold their own database
connection."""

import datetime
import threading
import uuid

import pytest
from django.db import connection, connections

from fieldvisits.models import Visit
from fieldvisits.services import submit_visit
from tests.factories import (
    ActionFactory,
    GoalFactory,
    PlanVersionFactory,
    TaskFactory,
    VisitFactory,
    questionnaire_version,
)
from tests.fieldvisits.helpers import COMPLETE_ANSWERS
from tracker.models import PlanVersion

NEEDS_POSTGRES = (
    "Real concurrency needs PostgreSQL's row locks and one connection per thread; SQLite "
    "serialises every writer behind one file lock. Run with "
    "DATABASE_URL=postgres://… (CI does)."
)


@pytest.fixture
def postgres():
    """Skip, saying why, unless the test database is PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRES)


def race(*calls, timeout=60):
    """Run ``calls`` on one thread each, released together; their results in order.

    Each thread gets its own connection (Django's connections are per thread) and
    closes it when done. An exception in a call is returned, not raised, so the test
    can say which side failed.
    """
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test as the result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a racing request hung"
    return results


@pytest.fixture
def version(personas):
    return questionnaire_version(personas.program)


@pytest.fixture
def make_visit(personas, version):
    """``make_visit("submitted")``: a visit of agent1 at that step of the workflow."""

    def make(step):
        visit = VisitFactory(program=personas.program, agent=personas.agent1,
                             scheduled_date=datetime.date(2026, 10, 1))
        if step in ("in_progress", "submitted"):
            visit.start(by=personas.agent1, version=version)
        if step == "submitted":
            submit_visit(visit=visit, answers=COMPLETE_ANSWERS, submission_uuid=uuid.uuid4(),
                         by=personas.agent1)
        visit.refresh_from_db()
        assert visit.status == step or step == "scheduled"
        return visit

    return make


@pytest.fixture
def plan_task(personas):
    plan = PlanVersionFactory(program=personas.program, number=1)
    action = ActionFactory(goal=GoalFactory(pillar__plan=plan), lead=personas.kto,
                           title="Kümelenme çalıştayı")
    task = TaskFactory(action=action, title="Çalıştay düzenle",
                       due_date=datetime.date(2026, 12, 31))
    PlanVersion.objects.filter(pk=plan.pk).update(status=PlanVersion.Status.APPROVED,
                                                  approved_by=personas.coordinator)
    plan.refresh_from_db()
    return task


def visit_is(visit, status):
    return Visit.objects.get(pk=visit.pk).status == status
