import pytest

from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import pdf_text, report_bytes, shared_report_fixtures
from tracker.models import Task

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


@pytest.fixture
def kto_report(report_data, personas):
    return request_report(program=report_data.program, kind=Report.Kind.INSTITUTION,
                          period=report_data.locked_period, by=personas.coordinator,
                          institution=personas.kto)


def test_institution_report_counts_its_tasks_as_the_database_does(kto_report, personas,
                                                                  report_data):
    tasks = Task.objects.filter(assigned_institution=personas.kto)
    end = report_data.locked_period.end_date
    running = tasks.exclude(status__in=[Task.Status.DONE, Task.Status.BLOCKED])
    expected = [tasks.count(), tasks.filter(status=Task.Status.DONE).count(),
                running.filter(due_date__gte=end).count(),
                running.filter(due_date__lt=end).count(),
                tasks.filter(status=Task.Status.BLOCKED).count()]
    assert expected == [3, 1, 1, 1, 0]
    assert expected[0] == sum(expected[1:])
    text = pdf_text(report_bytes(kto_report))
    assert ("Görevler Tamamlandı Zamanında Gecikenler Engellendi "
            + " ".join(map(str, expected))) in text


def test_institution_report_lists_actions_it_leads_and_joins(kto_report):
    text = pdf_text(report_bytes(kto_report))
    assert "A1 Yalın üretim eğitimi Sorumlu" in text
    assert "A2 Dijital olgunluk desteği Ortak" in text


def test_institution_report_leaves_out_other_institutions_tasks(kto_report):
    text = pdf_text(report_bytes(kto_report))
    assert "Eğitmen seçimi" in text
    assert "Yazılım ihalesi" not in text
    assert "Kayseri Ticaret Odası" in text
