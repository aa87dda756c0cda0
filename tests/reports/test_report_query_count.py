"""The programme report's queries, as-of reads included, do not grow with the data."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fieldvisits.models import Finding, Visit, VisitEvent
from reports import firm_feedback, institution, programme
from reports.models import Report
from reports.services import request_report
from tests.clusters.factories import ClusterFactory
from tests.factories import (
    AssessmentFactory,
    FirmFactory,
    ReportingPeriodFactory,
    TaskFactory,
    VisitFactory,
)
from tests.reports.conftest import BIG_SECTOR, shared_report_fixtures
from tracker.models import Task
from tracker.services import post_task_update

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


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
    return sum('"fieldvisits_figuresversion"' in query["sql"]
               for query in queries.captured_queries)


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


@pytest.fixture
def running_period(report_data):
    """A period that holds today, so what is recorded now falls inside it."""
    today = timezone.localdate()
    return ReportingPeriodFactory(program=report_data.program, label="running",
                                  start_date=today - datetime.timedelta(days=30),
                                  end_date=today + datetime.timedelta(days=30))


def test_institution_report_queries_stay_the_same_with_more_tasks(report_data, personas,
                                                                   running_period):
    report = Report.objects.select_related("program", "period", "institution").get(
        pk=request_report(program=report_data.program, kind=Report.Kind.INSTITUTION,
                          period=running_period, by=personas.coordinator,
                          institution=personas.kto).pk)
    with CaptureQueriesContext(connection) as first:
        snapshot = institution.collect(report)
    for index in range(6):
        task = TaskFactory(action=report_data.actions[index % 2], title=f"Ek görev {index}",
                           assigned_institution=personas.kto)
        post_task_update(task=task, by=personas.coordinator, text="Başladı",
                         status=Task.Status.IN_PROGRESS, percent=20)
    with CaptureQueriesContext(connection) as second:
        grown = institution.collect(report)
    assert len(grown["tasks"]) == len(snapshot["tasks"]) + 6
    assert len(grown["updates"]) == len(snapshot["updates"]) + 6
    assert len(second.captured_queries) == len(first.captured_queries)


def bundle_queries(report):
    firms = list(firm_feedback.visited_firms(report.program, report.period)
                 .values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        snapshots = list(firm_feedback.collect_firms(
            report, firms, firm_feedback.shared_context(report)))
    return len(snapshots), len(queries.captured_queries)


def test_the_feedback_bundle_reads_more_firms_in_the_same_queries(report_data, personas,
                                                                  running_period):
    report = Report.objects.create(
        program=report_data.program, kind=Report.Kind.FIRM_FEEDBACK_BUNDLE,
        period=running_period, requested_by=personas.coordinator, version=1,
        draft=True)
    firms, before = bundle_queries(report)
    for index in range(1 + 6):
        # Scored as the first visited firm: the same sector and weakest dimensions.
        firm = FirmFactory(program=report_data.program, nace_code=BIG_SECTOR)
        AssessmentFactory(firm=firm, assessor=personas.supervisor, productivity=1,
                          digitalisation=2, green=3, rnd=4, institutionalisation=5,
                          export_readiness=1, clustering=3)
        visit = VisitFactory(program=report_data.program, agent=personas.agent1, firm=firm,
                             status=Visit.Status.APPROVED)
        VisitEvent.objects.create(visit=visit, from_status=Visit.Status.SUBMITTED,
                                  to_status=Visit.Status.APPROVED, by=personas.supervisor)
        Finding.objects.create(visit=visit, pillar="productivity", severity="high",
                               text=f"Bakım planı yok ({index})",
                               recorded_by=personas.supervisor)
        if index == 0:
            # One firm so the first count reads a batch too.
            firms, before = bundle_queries(report)
    assert bundle_queries(report) == (firms + 6, before)
