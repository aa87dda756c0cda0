"""Milestones in reports are judged as of the report's day from their dated history: a
milestone completed after a locked period leaves that period's re-issued report as it
was, and a report and the coordinator panel judged on the same day agree."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from reports.comparison import figures
from reports.models import Report
from reports.services import request_report
from tests.factories import MilestoneFactory, PhaseFactory
from tests.reports.conftest import shared_report_fixtures
from tracker.queries import MilestoneState, coordinator_dashboard, timeline_layout

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())

TODAY = timezone.localdate()


@pytest.fixture
def roadmap(report_data):
    """A phase spanning the locked period (to 30.06.2026) and today, with a milestone done
    in the period, one late at its end, one due after it and one due within days."""
    phase = PhaseFactory(program=report_data.program, order=1, name_tr="Dönüşüm",
                         start_date=datetime.date(2026, 1, 1),
                         end_date=max(TODAY + datetime.timedelta(days=60),
                                      datetime.date(2027, 12, 31)))
    return {
        "council": MilestoneFactory(phase=phase, title="Kurul kuruldu", weight=2,
                                    due_date=datetime.date(2026, 3, 31),
                                    done_date=datetime.date(2026, 3, 20)),
        "field_study": MilestoneFactory(phase=phase, title="Saha çalışması", weight=3,
                                        due_date=datetime.date(2026, 6, 15)),
        "plan": MilestoneFactory(phase=phase, title="Eylem planı",
                                 due_date=datetime.date(2026, 9, 30)),
        "soon": MilestoneFactory(phase=phase, title="Ara rapor",
                                 due_date=TODAY + datetime.timedelta(days=10)),
    }


def complete_today(user, milestone, done_date=TODAY):
    """Set ``milestone``'s done date today through its admin edit form (``None``: reopen
    it)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    url = reverse("milestones:edit", args=[milestone.pk])
    token = re.search(r'name="loaded_version" value="([^"]*)"',
                      client.get(url).content.decode()).group(1)
    response = client.post(url, {
        "phase": milestone.phase_id, "title_tr": milestone.title_tr,
        "title_en": milestone.title_en, "title_fa": "", "due_date": milestone.due_date,
        "done_date": done_date.isoformat() if done_date else "", "owner": "",
        "weight": milestone.weight, "evidence": "", "notes": "", "loaded_version": token})
    assert response.status_code == 302


def issue(report_data, personas, period):
    report = request_report(program=report_data.program, kind=Report.Kind.PROGRAMME,
                            period=period, by=personas.coordinator, language="en")
    assert report.status == Report.Status.DONE, report.error
    return report.snapshot


def states(snapshot):
    return {row["title"]: (row["state"], row["done"]) for row in snapshot["milestones"]}


def test_a_milestone_completed_today_is_not_completed_in_the_reissued_locked_report(
        report_data, personas, roadmap):
    first = issue(report_data, personas, report_data.locked_period)
    assert states(first)["Saha çalışması"] == ("Late", None)
    # Today the office completes one milestone, records another as done on a day inside
    # the period, and reopens one that was done then.
    complete_today(personas.coordinator, roadmap["plan"])
    complete_today(personas.coordinator, roadmap["field_study"],
                   done_date=datetime.date(2026, 6, 14))
    complete_today(personas.coordinator, roadmap["council"], done_date=None)
    again = issue(report_data, personas, report_data.locked_period)
    assert states(again) == states(first)
    assert states(again)["Saha çalışması"] == ("Late", None)
    assert figures(again) == figures(first)
    assert again["changes_since"]["changes"] == []
    # A report judged today shows today's state.
    draft = issue(report_data, personas, report_data.open_period)
    assert states(draft)["Eylem planı"] == ("Done", TODAY.isoformat())
    assert states(draft)["Saha çalışması"] == ("Done", "2026-06-14")
    assert states(draft)["Kurul kuruldu"] == ("Late", None)


def test_the_locked_report_judges_phases_on_the_period_end(report_data, personas, roadmap):
    snapshot = issue(report_data, personas, report_data.locked_period)
    assert states(snapshot) == {
        "Kurul kuruldu": ("Done", "2026-03-20"), "Saha çalışması": ("Late", None),
        "Eylem planı": ("Open", None), "Ara rapor": ("Open", None)}
    # 2 of 7 weight points done by 30.06.2026, one milestone overdue then.
    assert [(phase["status"], phase["progress"]) for phase in snapshot["phases"]] == [
        ("At risk", 29)]


def test_the_report_and_the_panel_of_the_same_day_print_the_same_milestone_figures(
        report_data, personas, roadmap):
    complete_today(personas.coordinator, roadmap["plan"])
    snapshot = issue(report_data, personas, report_data.open_period)
    with translation.override("en"):
        panel = coordinator_dashboard(report_data.program, TODAY)
        assert [(phase["status"], phase["reason"], phase["progress"])
                for phase in snapshot["phases"]] == [
            (str(row["status"].label), str(row["reason"]), row["progress"])
            for row in panel["phases"]]
    at_risk = [row["title"] for row in snapshot["milestones"] if row["state"] == "At risk"]
    assert at_risk == [milestone.title for milestone in panel["milestones_due"]] == [
        "Ara rapor"]
    timeline = {m["milestone"].title: (m["state"], m["done_on"])
                for band in timeline_layout(report_data.program, TODAY)["bands"]
                for m in band["milestones"]}
    labels = {"Done": MilestoneState.DONE, "Late": MilestoneState.OVERDUE,
              "At risk": MilestoneState.OPEN, "Open": MilestoneState.OPEN}
    assert {title: (labels[state], datetime.date.fromisoformat(done) if done else None)
            for title, (state, done) in states(snapshot).items()} == timeline
    assert timeline["Eylem planı"] == (MilestoneState.DONE, TODAY)


def add_today(user, phase, title, due_date):
    """Add a milestone today through the admin's create form."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    response = client.post(reverse("milestones:add"), {
        "phase": phase.pk, "title_tr": title, "title_en": title, "title_fa": "",
        "due_date": due_date.isoformat(), "done_date": "", "owner": "", "weight": 4,
        "evidence": "", "notes": ""})
    assert response.status_code == 302


def test_a_milestone_added_today_is_not_in_the_reissued_locked_report(
        report_data, personas, roadmap):
    first = issue(report_data, personas, report_data.locked_period)
    # Due inside the period: were it counted then, the phase would have one more late
    # milestone and four more weight points.
    add_today(personas.coordinator, roadmap["council"].phase, "Sonradan eklenen",
              datetime.date(2026, 5, 31))
    again = issue(report_data, personas, report_data.locked_period)
    assert "Sonradan eklenen" not in states(again)
    assert again["phases"] == first["phases"]
    assert figures(again) == figures(first)
    draft = issue(report_data, personas, report_data.open_period)
    assert states(draft)["Sonradan eklenen"] == ("Late", None)
