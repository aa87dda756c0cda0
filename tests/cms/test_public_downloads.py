"""Public downloads in the reader's dialect — ``;`` and decimal comma on /tr/, ``,`` and
point on /en/ — with a BOM, unique header names and file names that keep Turkish letters;
hidden cells alike everywhere, the rule told once; datasets described for portals."""

import csv
import io
import json
import re
from decimal import Decimal
from urllib.parse import quote

import pytest

from cms.models import IndicatorsPage, StatisticsPage
from core.importing.spreadsheets import public_csv_response
from tests.cms.pages import url_of

pytestmark = pytest.mark.django_db


def _rows(response, delimiter):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("page", [IndicatorsPage, StatisticsPage])
def test_turkish_csv_uses_semicolons_and_unique_headers(anonymous, site, page):
    rows = _rows(anonymous.get(url_of(page, "tr", "csv/")), ";")
    assert len(rows[0]) > 3
    assert len(set(rows[0])) == len(rows[0]), rows[0]
    assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize(("language", "delimiter", "figure"),
                         [("tr", ";", "241,07"), ("en", ",", "241.07")])
def test_decimals_follow_the_language(language, delimiter, figure):
    response = public_csv_response(["Value", "Value", "Note"],
                                   [[Decimal("241.07"), 3751, "=1+1"]], "x.csv", language)
    rows = _rows(response, delimiter)
    assert rows == [["Value", "Value (2)", "Note"], [figure, "3751", "'=1+1"]]


def test_file_names_keep_turkish_letters(anonymous, site):
    response = anonymous.get(url_of(StatisticsPage, "tr", "csv/"))
    name = "saha-çalışması-istatistikleri.csv"
    assert response["Content-Disposition"] == (
        'attachment; filename="saha-calsmas-istatistikleri.csv"; '
        f"filename*=UTF-8''{quote(name)}")


def test_no_public_page_says_why_a_cell_is_hidden(anonymous, site):
    for language in ("tr", "en"):
        html = anonymous.get(url_of(StatisticsPage, language)).content.decode()
        assert "data-hidden" not in html
        for reason in ("threshold", "dominance", "secondary"):
            assert reason not in html
        marks = set(re.findall(r'<span class="hidden-cell"[^>]*>[^<]*</span>', html))
        assert len(marks) == 1, marks
        csv_text = anonymous.get(url_of(StatisticsPage, language, "csv/")).content.decode()
        for reason in ("threshold", "dominance", "secondary"):
            assert reason not in csv_text


def test_the_statistics_page_explains_the_rule_once(anonymous, site):
    html = anonymous.get(url_of(StatisticsPage, "en")).content.decode()
    visible = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert visible.count("fewer than five firms") == 1
    assert 'id="how-computed"' in html


@pytest.mark.parametrize("page", [IndicatorsPage, StatisticsPage])
def test_pages_describe_their_dataset_in_json_ld(anonymous, site, page):
    html = anonymous.get(url_of(page, "en")).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Dataset"
    formats = {item["name"] for item in data["distribution"]}
    assert {"CSV", "JSON"} <= formats


def test_the_dcat_catalogue_lists_the_downloads(anonymous, site):
    response = anonymous.get("/api/v1/catalogue")
    assert response.status_code == 200
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    urls = [distribution["dcat:downloadURL"] for dataset in catalogue["dcat:dataset"]
            for distribution in dataset["dcat:distribution"]]
    assert any(url.endswith("/sdmx.csv") for url in urls)
    assert any(url.endswith("/csv/") for url in urls)
    # Statistics and indicators, in each of the three languages.
    assert len(catalogue["dcat:dataset"]) == 2 * 3
