"""Every importable listing exports the columns its import reads: export → import of the
same file changes nothing, in CSV (BOM, ";", Turkish labels) and in XLSX."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from fieldvisits.models import Capability
from fieldvisits.resources import AssessmentResource, FirmResource
from tests.factories import (
    ActionFactory,
    AssessmentFactory,
    FirmFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MilestoneFactory,
    PhaseFactory,
    PillarFactory,
    PlanVersionFactory,
    TaskFactory,
)
from tests.imports.helpers import import_file, preview
from tracker.resources import (
    FocalPointResource,
    IndicatorValueResource,
    InstitutionResource,
    MilestoneResource,
    TaskResource,
)


def exported(client, user, url_name, export_format, language="tr"):
    client.force_login(user)
    response = client.get(reverse(url_name) + f"?export={export_format}",
                          HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


@pytest.fixture
def firms(personas):
    firm = FirmFactory(program=personas.program, trade_name="=HYPERLINK(\"x\") Çelik",
                       export_value_usd="1234.50", is_exporter=True, founding_year=1987,
                       contact_person="+90 352 000")
    Capability.objects.create(firm=firm, kind="process", name="CNC işleme")
    Capability.objects.create(firm=firm, kind="material", name="Paslanmaz çelik")
    return [firm, FirmFactory(program=personas.program, employees=None)]


@pytest.fixture
def tasks(personas):
    plan = PlanVersionFactory(program=personas.program)
    action = ActionFactory(goal=GoalFactory(pillar=PillarFactory(plan=plan)), lead=personas.kto)
    blocked = TaskFactory(action=action, code="G-2")
    blocked.change_status("blocked", by=personas.coordinator, reason="-Bütçe bekleniyor")
    return [TaskFactory(action=action, code="G-1"), blocked]


CASES = [
    ("firms:index", FirmResource, "firms"),
    ("assessments:index", AssessmentResource, "assessments"),
    ("tasks:index", TaskResource, "tasks"),
    ("institutions:index", InstitutionResource, "institutions"),
    ("focal_points:index", FocalPointResource, "focal points"),
    ("milestones:index", MilestoneResource, "milestones"),
    ("indicator_values:index", IndicatorValueResource, "indicator values"),
]


@pytest.fixture
def rows(personas, firms, tasks):
    AssessmentFactory(firm=firms[0], assessor=personas.supervisor, productivity=1)
    AssessmentFactory(firm=firms[1], assessor=personas.coordinator, clustering=5)
    phase = PhaseFactory(program=personas.program, order=1)
    MilestoneFactory(phase=phase, title="Saha çalışması", owner=personas.kto, weight=3)
    MilestoneFactory(phase=phase, title="=Eylem planı", done_date=datetime.date(2026, 5, 2))
    indicator = IndicatorFactory(program=personas.program, code="EXP")
    IndicatorValueFactory(indicator=indicator, value="3900.50", source="TİM")
    IndicatorValueFactory(indicator=indicator, value=4100)


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "resource_class", "_name"), CASES)
@pytest.mark.parametrize(("export_format", "language"), [("csv", "tr"), ("csv", "en"),
                                                          ("xlsx", "tr")])
def test_an_export_imports_back_unchanged(client, personas, rows, url_name, resource_class,
                                          _name, export_format, language):
    content = exported(client, personas.coordinator, url_name, export_format, language)
    with translation.override(language):
        run = preview(resource_class, SimpleUploadedFile(f"export.{export_format}", content),
                      program=personas.program, user=personas.coordinator)
    assert (run.status, run.rejected_count, run.errors) == ("previewed", 0, [])
    assert (run.new_count, run.updated_count, run.unchanged_count) == (0, 0, 2)


@pytest.mark.django_db
def test_the_csv_export_is_for_turkish_excel(client, personas, firms):
    content = exported(client, personas.coordinator, "firms:index", "csv")
    text = content.decode("utf-8")
    assert content.startswith(b"\xef\xbb\xbf")
    header = text.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("Program;Vergi kimlik numarası (VKN);Ticari unvan;")
    assert "İhracatçı" in header
    assert "'=HYPERLINK" in text and "'+90 352 000" in text
    assert ";1234,50;" in text and ";Evet;" in text
    assert "Malzeme: Paslanmaz çelik | Süreç: CNC işleme" in text


@pytest.mark.django_db
def test_the_xlsx_export_has_typed_cells_and_a_named_sheet(client, personas, firms):
    from openpyxl import load_workbook

    content = exported(client, personas.coordinator, "firms:index", "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Firmalar"
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["Kuruluş yılı"] == 1987
    assert first["Geçen yılki ihracat (USD)"] == 1234.5
    assert first["Ticari unvan"] == "=HYPERLINK(\"x\") Çelik"
    assert sheet.cell(row=2, column=2).data_type == "s"


@pytest.mark.django_db
def test_every_listing_csv_neutralises_formulas_and_writes_labels(client, personas, tasks):
    content = exported(client, personas.coordinator, "tasks:index", "csv", "en")
    text = content.decode("utf-8")
    assert content.startswith(b"\xef\xbb\xbf")
    assert "'-Bütçe bekleniyor" in text
    assert ";Blocked;" in text and ";blocked;" not in text
    assert "None" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_each_language_of_a_title_goes_out_and_comes_back(client, personas, export_format):
    """An office translates in a spreadsheet: the export carries every language's
    column, and a file with the English and Persian filled in writes them."""
    phase = PhaseFactory(program=personas.program, order=1)
    milestone = MilestoneFactory(phase=phase, title="Saha bulguları raporu", title_en="")
    content = exported(client, personas.coordinator, "milestones:index", export_format, "en")
    if export_format == "csv":
        text = content.decode("utf-8-sig")
        header = text.splitlines()[0]
        assert "Title (Turkish);Title (English);Title (Persian)" in header
        translated = text.replace("Saha bulguları raporu;;;",
                                  "Saha bulguları raporu;Field findings report;گزارش یافته‌ها;")
        assert translated != text
        upload = SimpleUploadedFile("translated.csv", translated.encode("utf-8-sig"))
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content))
        sheet = workbook.active
        header = [cell.value for cell in sheet[1]]
        sheet.cell(row=2, column=header.index("Title (English)") + 1,
                   value="Field findings report")
        sheet.cell(row=2, column=header.index("Title (Persian)") + 1, value="گزارش یافته‌ها")
        output = io.BytesIO()
        workbook.save(output)
        upload = SimpleUploadedFile("translated.xlsx", output.getvalue())
    with translation.override("en"):
        run = import_file(MilestoneResource, upload, program=personas.program,
                          user=personas.coordinator)
    milestone.refresh_from_db()
    assert (run.updated_count, run.new_count) == (1, 0)
    assert (milestone.title_tr, milestone.title_en, milestone.title_fa) == (
        "Saha bulguları raporu", "Field findings report", "گزارش یافته‌ها")
