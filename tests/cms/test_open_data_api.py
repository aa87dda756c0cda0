"""The open-data API: a valid OpenAPI description, the statistics page's own figures with
hidden cells flagged C, indicators stamped with period and day, SDMX-CSV, and a rate
limit per client."""

import csv
import io

import pytest
from openapi_spec_validator import validate

from cms.models import StatisticsPage
from tests.cms.helpers import SMALL_SECTOR
from tests.cms.pages import url_of

pytestmark = pytest.mark.django_db
SLUG = "kayseri-public"


def test_the_openapi_description_is_valid(anonymous, site):
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert "/api/v1/programmes/{slug}/statistics" in schema["paths"]
    assert "/api/v1/programmes/{slug}/indicators" in schema["paths"]


def test_the_programme_list_names_the_public_programme(anonymous, site):
    listed = anonymous.get("/api/v1/programmes").json()
    assert [programme["slug"] for programme in listed] == [SLUG]
    assert listed[0]["statistics"] == f"/api/v1/programmes/{SLUG}/statistics"


def test_statistics_equal_the_page_and_flag_hidden_cells(anonymous, site):
    page = anonymous.get(url_of(StatisticsPage, "en")).context["tables"]
    data = anonymous.get(f"/api/v1/programmes/{SLUG}/statistics").json()
    assert data["as_of"] and data["rule"]
    tables = {table["table"]: table for table in data["tables"]}
    for name, table in tables.items():
        shown = {(str(row["code"]), str(key)): row["cells"][key].value
                 for row in page[name].rows for key, _label in page[name].columns}
        for observation in table["observations"]:
            if observation["group"] == "_T":
                assert observation["value"] == page[name].totals[observation["measure"]]
                continue
            expected = shown[observation["group"], observation["measure"]]
            assert observation["value"] == expected
            assert observation["conf_status"] == ("C" if expected is None else "F")
    small = [o for o in tables["sectors"]["observations"] if o["group"] == SMALL_SECTOR]
    assert [(o["value"], o["conf_status"]) for o in small] == [(None, "C"), (None, "C")]
    assert "threshold" not in str(data) and "secondary" not in str(data)


def test_indicators_are_stamped_with_the_period_and_day(anonymous, site):
    data = anonymous.get(f"/api/v1/programmes/{SLUG}/indicators?lang=tr").json()
    assert data["language"] == "tr" and data["as_of"]
    assert data["indicators"]
    kinds = {figure["kind"] for figure in data["indicators"][0]["figures"]}
    assert "baseline" in kinds


def test_sdmx_csv_flags_hidden_cells_confidential(anonymous, site):
    response = anonymous.get(f"/api/v1/programmes/{SLUG}/statistics/sdmx.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    small = [row for row in rows if row["TABLE"] == "SECTORS" and row["GROUP"] == SMALL_SECTOR]
    assert [(row["OBS_VALUE"], row["CONF_STATUS"]) for row in small] == [("", "C"), ("", "C")]
    assert rows[0]["DATAFLOW"] == "TRACKER:FIELD_STUDY_KAYSERI_PUBLIC(1.0)"


def test_an_unknown_programme_is_not_found(anonymous, site):
    assert anonymous.get("/api/v1/programmes/nowhere/statistics").status_code == 404


def test_a_client_over_the_rate_limit_is_answered_429(anonymous, site):
    url = f"/api/v1/programmes/{SLUG}/indicators"
    statuses = [anonymous.get(url, REMOTE_ADDR="203.0.113.9").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429
    assert anonymous.get(url, REMOTE_ADDR="203.0.113.10").status_code == 200
