"""An issued report judges its period's last day: work done after it, through the usual
services and workflows, leaves a re-issue's figures as they were."""

import pytest
from wagtail.log_actions import log

from clusters.models import Cluster
from fieldvisits.models import Answer, Finding, Question, Visit, VisitEvent
from reports.comparison import figures
from reports.models import Report
from reports.services import request_report
from tests.clusters.factories import ClusterFactory, move_to
from tests.factories import FirmFactory, VisitFactory
from tests.reports.conftest import BIG_SECTOR, pdf_text, report_bytes, shared_report_fixtures
from tracker.models import IndicatorValue, Task
from tracker.services import post_task_update

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())

KINDS = (Report.Kind.PROGRAMME, Report.Kind.INSTITUTION, Report.Kind.FIELD_STUDY)


def issue_all(report_data, personas):
    reports = {}
    for kind in KINDS:
        institution = personas.kto if kind == Report.Kind.INSTITUTION else None
        reports[kind] = request_report(program=report_data.program, kind=kind,
                                       period=report_data.locked_period,
                                       by=personas.coordinator, institution=institution)
        assert reports[kind].status == Report.Status.DONE, reports[kind].error
    return reports


def work_done_today(report_data, personas):
    """A day of the office's work after the period: tasks completed, a visit approved
    with findings and workforce answers, a cluster moved along the funnel."""
    for task in Task.objects.in_program(report_data.program).exclude(status="done"):
        if task.status == Task.Status.BLOCKED:
            post_task_update(task=task, by=personas.coordinator, text="Bütçe onaylandı",
                             status=Task.Status.IN_PROGRESS, percent=50)
        else:
            post_task_update(task=task, by=personas.coordinator, text="Tamamlandı",
                             status=Task.Status.DONE)
    firm = FirmFactory(program=report_data.program, nace_code=BIG_SECTOR)
    visit = VisitFactory(program=report_data.program, firm=firm, agent=personas.agent1,
                         status=Visit.Status.SUBMITTED,
                         questionnaire_version=report_data.version)
    VisitEvent.objects.create(visit=visit, from_status=Visit.Status.IN_PROGRESS,
                              to_status=Visit.Status.SUBMITTED, by=personas.agent1)
    welder = Question.objects.get(section__version=report_data.version,
                                  code="workforce_welder")
    Answer.build(visit=visit, question=welder, value=25, by=personas.agent1).save()
    visit.approve(by=personas.supervisor)
    Finding.objects.create(visit=visit, pillar="productivity", severity="critical",
                           text="Bakım planı yok", recorded_by=personas.supervisor)
    cluster = ClusterFactory(program=report_data.program)
    move_to(cluster, Cluster.Stage.SELECTED, by=personas.coordinator)


def test_reissuing_a_locked_period_after_a_day_of_work_prints_the_same_figures(
        report_data, personas):
    first = issue_all(report_data, personas)
    work_done_today(report_data, personas)
    again = issue_all(report_data, personas)
    for kind in KINDS:
        assert again[kind].version == first[kind].version + 1
        assert figures(again[kind].snapshot) == figures(first[kind].snapshot), kind
        assert again[kind].snapshot["changes_since"]["changes"] == []


def test_the_work_shows_in_a_draft_judged_today(report_data, personas):
    before = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=report_data.open_period, by=personas.coordinator)
    work_done_today(report_data, personas)
    after = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                           period=report_data.open_period, by=personas.coordinator)
    done = [sum(row["done"] for row in report.snapshot["tasks"]["rows"])
            for report in (before, after)]
    assert done == [1, 4]
    approved = [report.snapshot["coverage"]["summary"]["visits_approved"]
                for report in (before, after)]
    assert approved == [10, 11]


def test_a_corrected_period_shows_what_changed_and_who_changed_it(report_data, personas):
    first = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                           period=report_data.locked_period, by=personas.coordinator)
    period = report_data.locked_period
    period.unlock(by=personas.coordinator)
    value = IndicatorValue.objects.get(period=period)
    value.value = 4180
    value.save()
    log(value, "wagtail.edit", user=personas.coordinator)
    period.refresh_from_db()
    period.lock(by=personas.coordinator)
    again = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                           period=period, by=personas.coordinator)
    changes = again.snapshot["changes_since"]
    assert changes["version"] == first.version
    assert {"figure": "indicators › rows › IHR › actual", "old": 4120, "new": 4180} \
        in changes["changes"]
    assert [(row["row"].split()[0], row["who"]) for row in changes["sources"]] == [
        ("Gösterge", personas.coordinator.get_full_name() or "coordinator")]
    assert "1. sürümden bu yana değişenler" in pdf_text(report_bytes(again))
