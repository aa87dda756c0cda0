import datetime

import pytest

from fieldvisits.models import Visit
from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import pdf_pages, pdf_text, report_bytes, shared_report_fixtures
from tracker.models import Task

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


def issue(report_data, personas, **kwargs):
    options = {"kind": Report.Kind.PROGRAMME, "period": report_data.locked_period,
               "language": "tr", **kwargs}
    return request_report(program=report_data.program, by=personas.coordinator, **options)


def test_programme_report_is_generated_and_stored_with_its_checksum(report_data, personas):
    report = issue(report_data, personas)
    assert report.status == Report.Status.DONE, report.error
    data = report_bytes(report)
    assert data.startswith(b"%PDF")
    assert report.size == len(data)
    assert report.page_count == pdf_pages(data) >= 3
    assert report.version == 1 and not report.draft


def test_programme_report_counts_tasks_per_institution_as_the_database_does(
        report_data, personas):
    report = issue(report_data, personas)
    period_end = report_data.locked_period.end_date
    tasks = Task.objects.in_program(report_data.program)
    kto = tasks.filter(assigned_institution=personas.kto)
    running = kto.exclude(status__in=[Task.Status.DONE, Task.Status.BLOCKED])
    expected = [
        kto.count(),
        kto.filter(status=Task.Status.DONE).count(),
        running.filter(due_date__gte=period_end).count(),
        running.filter(due_date__lt=period_end).count(),
        kto.filter(status=Task.Status.BLOCKED).count(),
    ]
    assert expected == [3, 1, 1, 1, 0]
    text = pdf_text(report_bytes(report))
    assert "KTO " + " ".join(str(n) for n in expected) in text
    assert f"Toplam {tasks.count()} " in text
    # A blocked task past its due date counts as blocked only, so the parts add up.
    rows = {row["institution"]: row for row in report.snapshot["tasks"]["rows"]}
    assert {name: (row["overdue"], row["blocked"]) for name, row in rows.items()} \
        == {"KTO": (1, 0), "KAYSO": (1, 1)}
    assert all(row["total"] == row["done"] + row["on_time"] + row["overdue"] + row["blocked"]
               for row in rows.values())


def test_programme_report_prints_blocked_tasks_with_their_reason(report_data, personas):
    text = pdf_text(report_bytes(issue(report_data, personas)))
    assert "Yazılım ihalesi" in text
    assert "Bütçe onayı bekleniyor" in text


def test_programme_report_shows_indicators_in_turkish_number_format(report_data, personas):
    text = pdf_text(report_bytes(issue(report_data, personas)))
    assert "İhracat" in text
    assert "3.751" in text and "4.120" in text and "5.000" in text


def test_programme_report_counts_approved_visits_as_the_database_does(report_data, personas):
    report = issue(report_data, personas)
    approved = Visit.objects.filter(program=report_data.program,
                                    status=Visit.Status.APPROVED).count()
    summary = report.snapshot["coverage"]["summary"]
    assert summary["visits_approved"] == approved == 10
    assert summary["visits_awaiting_approval"] == 0
    text = pdf_text(report_bytes(report))
    assert f"Onaylanan ziyaretler {approved} 450 %2" in text


def test_programme_report_lists_the_council_decisions_of_the_period(report_data, personas):
    text = pdf_text(report_bytes(issue(report_data, personas)))
    assert "Kümelenme çalıştayı düzenlenecek" in text
    assert "Eğitmen seçimi" in text


def test_programme_report_sums_workforce_needs_per_occupation(report_data, personas):
    report = issue(report_data, personas)
    welders = sum(3 + index for index in range(10))
    rows = {row["code"]: row for row in report.snapshot["workforce"]["rows"]}
    assert rows["workforce_welder"]["people"] == welders
    text = pdf_text(report_bytes(report))
    assert f"Kaynakçı {welders} 10" in text


def test_programme_report_speaks_turkish_in_headings(report_data, personas):
    text = pdf_text(report_bytes(issue(report_data, personas)))
    for words in ("Program ilerleme raporu", "Aşamalar ve kilometre taşları",
                  "Kurumlara göre görevler", "Sayfa 1 / "):
        assert words in text
    assert "None" not in text


def test_english_edition_speaks_english(report_data, personas):
    text = pdf_text(report_bytes(issue(report_data, personas, language="en")))
    assert "Programme progress report" in text
    assert "Tasks by institution" in text
    assert "3,751" in text


def test_report_judges_overdue_on_the_periods_last_day(report_data, personas):
    report = issue(report_data, personas)
    assert report.snapshot["as_of"] == datetime.date(2026, 6, 30).isoformat()
    in_progress = Task.objects.get(title_tr="Eğitmen seçimi")
    assert in_progress.due_date < datetime.date(2026, 6, 30)
    kto = next(row for row in report.snapshot["tasks"]["rows"] if row["institution"] == "KTO")
    assert kto["overdue"] == 1


def test_programme_report_opens_with_the_coordinators_executive_summary(report_data, personas):
    period = report_data.locked_period
    type(period).objects.filter(pk=period.pk).update(executive_summary=(
        "<h2>Yılın özeti</h2><p>İhracat <b>hedefin üstünde</b> seyretti.</p>"
        "<ul><li>Kümelenme çalıştayı yapıldı</li></ul>"))
    report = issue(report_data, personas)
    assert report.snapshot["executive_summary"] == [
        {"style": "h2", "text": "Yılın özeti"},
        {"style": "body", "text": "İhracat <b>hedefin üstünde</b> seyretti."},
        {"style": "bullet", "text": "Kümelenme çalıştayı yapıldı"}]
    text = pdf_text(report_bytes(report))
    assert "Yönetici özeti Yılın özeti İhracat hedefin üstünde seyretti." in text
