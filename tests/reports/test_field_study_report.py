import pytest

from fieldvisits.models import Answer, Assessment
from reports.models import Report
from reports.services import request_report
from tests.reports.conftest import pdf_text, report_bytes, shared_report_fixtures

pytestmark = pytest.mark.django_db


globals().update(shared_report_fixtures())


@pytest.fixture
def field_report(report_data, personas):
    return request_report(program=report_data.program, kind=Report.Kind.FIELD_STUDY,
                          period=report_data.locked_period, by=personas.coordinator)


def test_score_distribution_counts_firms_per_score_as_the_database_does(field_report):
    green = next(row for row in field_report.snapshot["score_distribution"]
                 if row["dimension"] == "Yeşil dönüşüm")
    assert green["firms"] == Assessment.objects.count() == 11
    assert green["scores"] == [0, 0, Assessment.objects.filter(green=3).count(), 0, 0]
    assert green["median"] == 3
    assert "Yeşil dönüşüm 0 0 11 0 0 11 3" in pdf_text(report_bytes(field_report))


def test_score_distribution_hides_small_cells_with_a_partner(field_report):
    productivity = next(row for row in field_report.snapshot["score_distribution"]
                        if row["dimension"] == "Verimlilik")
    # Scores 1–5 held by 2, 2, 3, 2 and 2 firms: every cell under five is hidden.
    assert productivity["scores"] == [None] * 5


def test_obstacles_count_firms_that_named_each(field_report, report_data):
    rows = {row["group"]: row["value"] for row in field_report.snapshot["obstacles"]["rows"]}
    finance = Answer.objects.filter(question__code="obstacles",
                                    value_text__contains="|finance|").count()
    assert rows["Finansman ve likidite"] == finance == 10
    assert rows["Nitelikli personel"] == 7
    assert rows["Pazarlama"] == 0


def test_field_study_report_speaks_turkish(field_report):
    text = pdf_text(report_bytes(field_report))
    for words in ("Saha çalışması raporu", "Masa başı değerlendirme puanları",
                  "Mesleklere göre işgücü ihtiyacı", "Kaynakçı", "İlçelere göre"):
        assert words in text
