"""The workforce report and dashboard panel in the admin: exact figures for the programme
office, disclosure-controlled figures for an employment agency's focal point, nothing for
anyone else; the export opens in Turkish Excel."""

import csv
import io

import pytest
from django.urls import reverse

from tests.access import assert_denied
from tests.fieldvisits.workforce_data import KOCASINAN, MACHINING, TALAS, build_workforce_data

pytestmark = pytest.mark.django_db
REPORT = reverse("field_workforce_report")


@pytest.fixture
def data(personas):
    return build_workforce_data(personas)


def _rows(response):
    return {(row["occupation"], row["group"]): row for row in response.context["object_list"]}


def test_coordinator_sees_the_four_firm_district_exactly(client, data, personas):
    client.force_login(personas.coordinator)
    response = client.get(REPORT, {"by": "district"})
    assert response.status_code == 200
    talas = _rows(response)["CNC operator", TALAS]
    assert (talas["people"], talas["firms"], talas["hidden"]) == (8, 4, "")


def test_employment_agency_focal_point_sees_the_district_hidden(client, data):
    client.force_login(data.iskur_focal_point)
    response = client.get(REPORT, {"by": "district"})
    assert response.status_code == 200
    rows = _rows(response)
    assert rows["CNC operator", TALAS]["people"] is None
    assert rows["CNC operator", TALAS]["hidden"] == "hidden to protect firms"
    assert rows["CNC operator", KOCASINAN]["people"] == 15


def test_employment_agency_focal_point_sees_how_many_cnc_operators_are_lacking(client, data):
    client.force_login(data.iskur_focal_point)
    response = client.get(REPORT)
    assert _rows(response)["CNC operator", ""]["people"] == 33


def test_report_filters_by_sector_and_occupation(client, data, personas):
    client.force_login(personas.coordinator)
    response = client.get(REPORT, {"by": "district", "sector": MACHINING,
                                   "occupation": "cnc_operator"})
    assert list(_rows(response)) == [("CNC operator", KOCASINAN), ("CNC operator", "Total")]


def test_report_refuses_a_chamber_focal_point_and_an_agent(client, data, personas):
    assert_denied(client, personas.focal_point, REPORT)
    assert_denied(client, personas.agent1, REPORT)


def test_csv_export_opens_in_turkish_excel(client, data, personas):
    client.force_login(personas.coordinator)
    response = client.get(REPORT, {"by": "district", "export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Occupation", "District", "People needed", "Firms needing", "Note"]
    assert ["CNC operator", TALAS, "8", "4", ""] in rows
    assert not any("cnc_operator" in cell or "None" in cell for row in rows for cell in row)


def test_focal_point_csv_export_leaves_hidden_cells_empty(client, data):
    client.force_login(data.iskur_focal_point)
    response = client.get(REPORT, {"by": "district", "export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert ["CNC operator", TALAS, "", "", "hidden to protect firms"] in rows


def test_xlsx_export_is_a_workbook(client, data, personas):
    client.force_login(personas.coordinator)
    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content[:2] == b"PK"


def test_dashboard_panel_shows_the_focal_point_the_cnc_need(client, data):
    client.force_login(data.iskur_focal_point)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Workforce needs of the visited firms" in html
    row = html[html.index("CNC operator</th>"):]
    row = row[:row.index("</tr>")]
    assert "<td>33</td><td>15</td>" in row
    # Talas (four firms) is hidden, so the districts named are the two shown.
    assert "Kocasinan (15)" in row and "Talas" not in row


def test_dashboard_panel_is_not_shown_to_a_chamber_focal_point(client, data, personas):
    client.force_login(personas.focal_point)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Workforce needs of the visited firms" not in html


@pytest.mark.parametrize("scale", [1, 4])
def test_report_and_panel_queries_do_not_grow(client, personas, scale,
                                              django_assert_max_num_queries):
    data = build_workforce_data(personas, scale=scale)
    client.force_login(data.iskur_focal_point)
    # The first reader of the day computes the protected tables once; then they are read.
    # The limit counts the current programme's preference read by tracker/middleware.py.
    client.get(REPORT, {"by": "district"})
    with django_assert_max_num_queries(26):
        response = client.get(REPORT, {"by": "district"})
    # Welders and CNC operators in three districts, and their totals.
    assert len(response.context["object_list"]) == 2 * (3 + 1)
    with django_assert_max_num_queries(45):
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
