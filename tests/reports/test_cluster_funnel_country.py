"""The programme report's national cluster column adds the programmes of the report's own
country only: clusters of a programme in Iran never enter a Turkish programme's report,
and the column says which country it adds up."""

import datetime

import pytest

from reports import programme
from reports.models import Report
from reports.services import request_report
from tests.clusters.factories import ClusterFactory
from tests.factories import ProgramFactory, ReportingPeriodFactory
from tests.reports.conftest import pdf_text, report_bytes
from tracker.models import Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes_in_two_countries(personas):
    """Two clusters in the personas' programme (Türkiye), one in another Turkish
    programme and three in a programme in Iran."""
    turkish = ProgramFactory(name="Konya", slug="konya", country=Program.Country.TR)
    iranian = ProgramFactory(name="Qom", slug="qom", province="Qom",
                             country=Program.Country.IR)
    ClusterFactory.create_batch(2, program=personas.program)
    ClusterFactory(program=turkish)
    ClusterFactory.create_batch(3, program=iranian)
    return personas.program, iranian


def identified(rows):
    return {row["stage"]: (row["programme"], row["national"]) for row in rows}["identified"]


def test_national_column_adds_the_programmes_of_the_country_only(programmes_in_two_countries):
    turkish, iranian = programmes_in_two_countries
    today = datetime.date.today()
    assert identified(programme.cluster_funnels(turkish, today)) == (2, 3)
    assert identified(programme.cluster_funnels(iranian, today)) == (3, 3)


def test_report_names_the_country_it_adds_up(programmes_in_two_countries, personas):
    turkish, _iranian = programmes_in_two_countries
    today = datetime.date.today()
    period = ReportingPeriodFactory(program=turkish, start_date=today.replace(day=1),
                                    end_date=today.replace(day=1) + datetime.timedelta(days=40))
    report = request_report(program=turkish, kind=Report.Kind.PROGRAMME, period=period,
                            by=personas.coordinator, language="tr")
    assert report.status == Report.Status.DONE, report.error
    assert report.snapshot["clusters_country"] == "Türkiye"
    text = pdf_text(report_bytes(report))
    assert "Evre Bu program Türkiye geneli" in text
    assert "Tüm programlar" not in text
