"""The programme report's "Kümeler" section: the programme's funnel beside the national."""

import pytest
from django.utils import translation

from clusters.models import FUNNEL_STAGES, Cluster, ClusterEvent
from reports import programme
from reports.models import Report
from reports.services import request_report
from tests.portfolio.conftest import add_clusters
from tests.reports.conftest import pdf_text, report_bytes

pytestmark = pytest.mark.django_db


def with_stage_events(program, by):
    """Date each cluster's furthest stage today, as its moves would have (reports read
    the funnel from the stage events)."""
    ClusterEvent.objects.bulk_create(
        ClusterEvent(cluster=cluster, from_stage=Cluster.Stage.IDENTIFIED,
                     to_stage=FUNNEL_STAGES[cluster.reached - 1], by=by)
        for cluster in Cluster.objects.filter(program=program, reached__gt=1))


def test_programme_report_shows_the_programme_and_national_cluster_funnel(
        report_data, personas):
    for program in (personas.program, personas.other_program):
        add_clusters(program)
        with_stage_events(program, personas.coordinator)
    # The clusters move today: the draft of the running period, judged today, counts them.
    report = request_report(program=report_data.program, by=personas.coordinator,
                            kind=Report.Kind.PROGRAMME, period=report_data.open_period,
                            language="tr")
    assert report.status == Report.Status.DONE, report.error
    funnel = {row["stage"]: (row["programme"], row["national"])
              for row in report.snapshot["clusters"]}
    assert funnel["identified"] == (4, 8)
    assert funnel["completed"] == (1, 2)
    text = pdf_text(report_bytes(report))
    assert "Kümeler" in text
    with translation.override("tr"):
        identified = str(Cluster.Stage.IDENTIFIED.label)
    assert f"{identified} 4 8" in text


def test_a_snapshot_without_clusters_still_renders(report_data, personas, tmp_path):
    add_clusters(personas.program)
    report = request_report(program=report_data.program, by=personas.coordinator,
                            kind=Report.Kind.PROGRAMME, period=report_data.locked_period,
                            language="tr")
    snapshot = dict(report.snapshot)
    del snapshot["clusters"]
    out = tmp_path / "old.pdf"
    with out.open("wb") as handle:
        programme.render(snapshot, handle)
    assert "Kümeler" not in pdf_text(out.read_bytes())
