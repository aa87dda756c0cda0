import pytest

from fieldvisits.models import Visit
from reports.models import Report
from reports.pdf import HIDDEN
from reports.services import request_report
from tests.reports.conftest import (
    BIG_SECTOR,
    SMALL_SECTOR,
    pdf_text,
    report_bytes,
    shared_report_fixtures,
)

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


def issue(report_data, personas, kind, **kwargs):
    return request_report(program=report_data.program, kind=kind,
                          period=report_data.locked_period, by=personas.coordinator, **kwargs)


def test_sector_with_four_visited_firms_is_hidden_in_the_field_study_report(
        report_data, personas):
    assert Visit.objects.filter(firm__nace_code=SMALL_SECTOR,
                                status__in=Visit.COMPLETED_STATUSES).count() == 4
    report = issue(report_data, personas, Report.Kind.FIELD_STUDY)
    rows = {row["group"].split()[0]: row for row in report.snapshot["coverage"]["by_sector"]
            ["rows"]}
    assert rows[SMALL_SECTOR]["value"] is None
    assert "reason" not in rows[SMALL_SECTOR]
    text = pdf_text(report_bytes(report))
    assert f"{SMALL_SECTOR} Metallerin işlenmesi (talaşlı imalat) {HIDDEN}" in text


def test_row_total_does_not_reveal_the_hidden_sector(report_data, personas):
    report = issue(report_data, personas, Report.Kind.FIELD_STUDY)
    rows = {row["group"].split()[0]: row for row in report.snapshot["coverage"]["by_sector"]
            ["rows"]}
    # Six firms alone would be shown; beside a lone hidden sector it is hidden as well.
    assert rows[BIG_SECTOR]["value"] is None
    text = pdf_text(report_bytes(report))
    assert f"31.09 Diğer mobilyalar {HIDDEN}" in text
    assert "Toplam 10" in text


def test_feedback_report_shows_no_sector_median_for_a_group_under_five(report_data, personas):
    firm = report_data.small_sector_firms[0]
    report = issue(report_data, personas, Report.Kind.FIRM_FEEDBACK, firm=firm)
    scores = report.snapshot["scores"]
    assert all(row["sector_median"] is None for row in scores)
    assert all(row["programme_median"] is not None for row in scores)
    text = pdf_text(report_bytes(report))
    assert "Verimlilik" in text


def test_feedback_report_shows_the_sector_median_of_a_group_of_five_or_more(
        report_data, personas):
    firm = report_data.visited_firms[0]
    report = issue(report_data, personas, Report.Kind.FIRM_FEEDBACK, firm=firm)
    productivity = report.snapshot["scores"][0]
    # Seven firms in the sector score productivity 1, 2, 3, 4, 5, 1 and 3 (the unvisited).
    assert productivity["sector_median"] == 3
    assert productivity["firm"] == firm.assessment.productivity


def test_findings_totals_do_not_reveal_a_hidden_cell(report_data, personas):
    report = issue(report_data, personas, Report.Kind.FIELD_STUDY)
    findings = report.snapshot["findings"]
    productivity = findings["rows"][0]
    # Four firms' "low" findings are hidden, their "high" partner with them; each column
    # holds no other finding, so the column totals would give them away and are hidden too.
    assert productivity["counts"] == [None, 0, None, 0]
    assert productivity["total"] == 10
    assert findings["column_totals"] == [None, 0, None, 0]
    text = pdf_text(report_bytes(report))
    assert f"Toplam {HIDDEN} 0 {HIDDEN} 0 10" in text
