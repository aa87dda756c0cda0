"""The portfolio panel on the dashboard and the exportable portfolio listing."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.access import assert_access, assert_allowed
from tests.factories import ProgramFactory
from tests.portfolio.conftest import fill_programme, make_programmes

pytestmark = pytest.mark.django_db


def _dashboard(client, user):
    return assert_allowed(client, user, reverse("wagtailadmin_home")).content.decode()


def test_national_coordinator_compares_six_provinces_on_the_dashboard(client, personas,
                                                                       national):
    make_programmes(6)
    content = _dashboard(client, national)
    assert 'id="portfolio"' in content or "National portfolio" in content
    for province in ("Kayseri", "Konya", "Gaziantep", "Denizli", "Bursa", "Manisa"):
        assert f'data-programme="p-{province.lower()}"' in content


def test_superuser_sees_the_portfolio_panel(client, personas):
    make_programmes(2)
    assert "National portfolio" in _dashboard(client, personas.superuser)


def test_programme_coordinator_has_no_portfolio_panel(client, personas):
    make_programmes(2)
    content = _dashboard(client, personas.coordinator)
    assert "National portfolio" not in content
    assert 'data-programme="p-konya"' not in content


def test_portfolio_listing_for_every_role(client, personas, national):
    fill_programme(personas.program)
    url = reverse("portfolio_report")
    assert_access(client, personas, url, {"coordinator", "supervisor", "outsider_coordinator"})
    assert_allowed(client, national, url)


def test_listing_shows_a_coordinator_only_their_programme(client, personas):
    fill_programme(personas.program)
    fill_programme(personas.other_program)
    content = assert_allowed(client, personas.coordinator,
                             reverse("portfolio_report")).content.decode()
    assert f'data-programme="{personas.program.slug}"' in content
    assert f'data-programme="{personas.other_program.slug}"' not in content


def test_csv_export_is_for_turkish_excel_with_labels(client, personas, national):
    make_programmes(2)
    client.force_login(national)
    response = client.get(reverse("portfolio_report") + "?export=csv",
                          HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["İl", "Program", "Güncel aşama"]
    konya = next(row for row in rows if row[0] == "Konya")
    assert konya[3] == "Risk altında"
    assert "None" not in body
    assert len(rows) == 1 + 4


def test_xlsx_export_has_a_line_per_programme(client, personas, national):
    make_programmes(3)
    client.force_login(national)
    response = client.get(reverse("portfolio_report") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][0] == "Province"
    assert len(lines) == 1 + 5
    gaziantep = next(line for line in lines if line[0] == "Gaziantep")
    assert gaziantep[5] == 2  # firms assessed, a number in the sheet


def test_the_dashboard_says_which_countries_its_totals_add_across(client, personas,
                                                                    national):
    make_programmes(2)
    assert 'data-figure="countries"' not in _dashboard(client, national)
    ProgramFactory(province="قم", slug="qom", country="IR", currency="IRR")
    content = _dashboard(client, national)
    assert 'data-figure="countries"' in content
    assert 'data-figure="funnel-countries"' in content
    assert "Added across countries: Türkiye, Iran" in content
