"""The programme report's queries, as-of reads included, do not grow with the data."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fieldvisits.models import Visit, VisitEvent
from reports import programme
from reports.models import Report
from reports.services import request_report
from tests.clusters.factories import ClusterFactory
from tests.factories import FirmFactory, TaskFactory, VisitFactory
from tests.reports.conftest import BIG_SECTOR

pytestmark = pytest.mark.django_db


def collect_queries(report):
    # Cold each time: the protected field-study tables are cached until their rows change,
    # so a warm first count would be compared with a cold second one.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        programme.collect(report)
    return len(queries.captured_queries)


def test_programme_report_queries_stay_the_same_with_more_rows(report_data, personas):
    report = Report.objects.select_related("program", "period").get(pk=request_report(
        program=report_data.program, kind=Report.Kind.PROGRAMME,
        period=report_data.open_period, by=personas.coordinator).pk)
    before = collect_queries(report)
    for index in range(6):
        TaskFactory(action=report_data.actions[index % 2], title=f"Ek görev {index}",
                    assigned_institution=personas.kto)
        visit = VisitFactory(program=report_data.program, agent=personas.agent1,
                             firm=FirmFactory(program=report_data.program, nace_code=BIG_SECTOR),
                             status=Visit.Status.APPROVED)
        VisitEvent.objects.create(visit=visit, from_status=Visit.Status.SUBMITTED,
                                  to_status=Visit.Status.APPROVED, by=personas.supervisor)
        ClusterFactory(program=report_data.program)
    assert collect_queries(report) == before


def fingerprints(queries):
    return sum('"fp_visits"' in query["sql"] for query in queries.captured_queries)


def test_a_report_looks_its_protected_tables_up_once_per_day(report_data, personas):
    report = Report.objects.select_related("program", "period").get(pk=request_report(
        program=report_data.program, kind=Report.Kind.PROGRAMME,
        period=report_data.open_period, by=personas.coordinator).pk)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        programme.collect(report)
    with CaptureQueriesContext(connection) as warm:
        programme.collect(report)
    # One fingerprint per programme and day read (the report's day), however many tables
    # the report prints from the protected set; warm, the set itself comes from the cache.
    assert fingerprints(cold) == fingerprints(warm) == 1
    assert len(warm.captured_queries) < len(cold.captured_queries)
