"""The statistics page and its CSV never show a figure that rests on fewer than five
firms, and their totals do not let a reader work one out."""

import csv
import io

import pytest

from cms.models import StatisticsPage
from fieldvisits.disclosure import PRIMARY_THRESHOLD, SECONDARY
from tests.cms.helpers import OTHER_SECTOR, SMALL_SECTOR
from tests.cms.pages import url_of

pytestmark = pytest.mark.django_db


def _row(table, prefix):
    return next(row for row in table.rows if row["label"].startswith(prefix))


def test_a_sector_with_four_visited_firms_is_hidden(anonymous, site):
    sectors = anonymous.get(url_of(StatisticsPage, "en")).context["tables"]["sectors"]
    small = _row(sectors, SMALL_SECTOR)
    assert small["cells"]["visited"].hidden
    assert small["cells"]["visited"].reason == PRIMARY_THRESHOLD
    assert small["cells"]["assessed"].hidden


def test_the_total_does_not_give_the_hidden_sector_away(anonymous, site):
    sectors = anonymous.get(url_of(StatisticsPage, "en")).context["tables"]["sectors"]
    other = _row(sectors, OTHER_SECTOR)
    assert other["cells"]["visited"].reason == SECONDARY
    for key, _label in sectors.columns:
        hidden = [row for row in sectors.rows if row["cells"][key].hidden]
        assert len(hidden) != 1, key
    assert sectors.totals["visited"] == 20


def test_the_hidden_sector_shows_as_hidden_in_the_html(anonymous, site):
    html = anonymous.get(url_of(StatisticsPage, "en")).content.decode()
    table = html[html.index('data-table="sectors"'):]
    table = table[:table.index("</table>")]
    row = table[table.index(f"{SMALL_SECTOR} "):]
    row = row[:row.index("</tr>")]
    assert row.count('class="hidden-cell"') == 2
    assert ">4<" not in row


def test_a_district_of_four_firms_is_hidden_with_a_second_one(anonymous, site):
    districts = anonymous.get(url_of(StatisticsPage, "tr")).context["tables"]["districts"]
    assert _row(districts, "Talas")["cells"]["visited"].reason == PRIMARY_THRESHOLD
    assert _row(districts, "Melikgazi")["cells"]["visited"].reason == SECONDARY
    assert _row(districts, "Kocasinan")["cells"]["visited"].value == 10


def test_the_csv_hides_the_same_cells(anonymous, site):
    response = anonymous.get(url_of(StatisticsPage, "en", "csv/"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="field-study-statistics.csv"; '
        "filename*=UTF-8''field-study-statistics.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Table", "Group", "Measure", "Value", "CONF_STATUS", "As of"]
    small = [row for row in rows if row[0] == "Firms by sector" and row[1].startswith(SMALL_SECTOR)]
    assert [row[3:5] for row in small] == [["", "C"], ["", "C"]]
    other = [row for row in rows if row[0] == "Firms by sector" and row[1].startswith(OTHER_SECTOR)]
    assert [row[2:4] for row in other] == [["Firms assessed", ""], ["Firms visited", ""]]
    totals = [row for row in rows if row[0] == "Firms by sector" and row[1] == "Total"]
    assert [row[3] for row in totals] == ["20", "20"]


def test_score_distribution_hides_scores_held_by_few_firms(anonymous, site):
    scores = anonymous.get(url_of(StatisticsPage, "en")).context["tables"]["scores"]
    productivity = scores.rows[0]
    assert productivity["cells"][1].value == 5
    assert productivity["cells"][5].hidden
    digitalisation = scores.rows[1]
    assert digitalisation["cells"][3].value == 20
    assert digitalisation["cells"][1].value == 0


def test_workforce_needs_and_findings_are_summed_over_approved_visits(anonymous, site):
    tables = anonymous.get(url_of(StatisticsPage, "en")).context["tables"]
    welders = tables["workforce_occupations"].rows[0]["cells"]["people"]
    # Ten, six and four firms answered 2, 3, 4, 2, 3, 4… welders.
    expected = sum(2 + index % 3 for count in (10, 6, 4) for index in range(count))
    assert welders.value == expected
    findings = {row["label"]: row["cells"]["findings"] for row in tables["findings"].rows}
    assert findings["Digitalisation"].value == 20
    assert tables["findings"].totals["findings"] == 20


def test_workforce_of_a_district_of_four_firms_is_hidden_with_a_second_one(anonymous, site):
    districts = anonymous.get(url_of(StatisticsPage, "en")).context["tables"][
        "workforce_districts"]
    assert _row(districts, "Talas")["cells"]["welder"].hidden
    assert _row(districts, "Melikgazi")["cells"]["welder"].hidden
    kocasinan = sum(2 + index % 3 for index in range(10))
    assert _row(districts, "Kocasinan")["cells"]["welder"].value == kocasinan
    assert districts.totals["welder"] == kocasinan + sum(2 + i % 3 for count in (6, 4)
                                                         for i in range(count))


def test_workforce_by_occupation_names_occupations_and_counts_firms(anonymous, site):
    occupations = anonymous.get(url_of(StatisticsPage, "tr")).context["tables"][
        "workforce_occupations"]
    welders = _row(occupations, "Kaynakçı")
    assert welders["cells"]["firms"].value == 20
    assert _row(occupations, "CNC operatörü")["cells"]["people"].value == 0


def test_workforce_tables_show_hidden_cells_in_the_html(anonymous, site):
    html = anonymous.get(url_of(StatisticsPage, "en")).content.decode()
    table = html[html.index('data-table="workforce_districts"'):]
    table = table[:table.index("</table>")]
    row = table[table.index("Talas"):]
    row = row[:row.index("</tr>")]
    assert row.count('<span class="hidden-cell">hidden</span>') == 1
    assert "data-hidden" not in html and ">11<" not in row


def test_workforce_csv_hides_the_same_cells(anonymous, site):
    response = anonymous.get(url_of(StatisticsPage, "en", "csv/"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    title = "Workforce needs by district and occupation (people needed)"
    talas = [row for row in rows if row[0] == title and row[1] == "Talas" and row[2] == "Welder"]
    assert [row[3:5] for row in talas] == [["", "C"]]
