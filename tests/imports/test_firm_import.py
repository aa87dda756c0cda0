"""Firm registry imports: clean files, rejected cells, encodings and number formats."""

import pytest

from fieldvisits.models import Capability, Firm
from fieldvisits.resources import FirmResource
from tests.factories import FirmFactory, valid_vkn
from tests.imports.helpers import csv_file, import_file, messages_of, preview, xlsx_file
from tracker.models import ImportRun

HEADER = ["Tax number (VKN)", "Trade name", "Sector (NACE Rev.2)", "District", "Employees",
          "Exporter", "Last year's exports (USD)", "Capabilities"]


def firm_row(n, **changes):
    row = {"vkn": valid_vkn(n), "name": f"Firma {n} A.Ş.", "nace": "25.62",
           "district": "Kocasinan", "employees": "40", "exporter": "Yes",
           "exports": "1234.5", "capabilities": "Process: CNC işleme | Material: Paslanmaz çelik"}
    row.update(changes)
    return list(row.values())


@pytest.mark.django_db
def test_a_clean_file_imports_firms_with_their_capabilities(personas):
    upload = csv_file([HEADER, firm_row(1), firm_row(2)])
    run = import_file(FirmResource, upload, program=personas.program, user=personas.coordinator)
    assert (run.status, run.new_count, run.updated_count) == ("done", 2, 0)
    firm = Firm.objects.get(program=personas.program, tax_number=valid_vkn(1))
    assert (firm.trade_name, firm.employees, str(firm.export_value_usd)) == (
        "Firma 1 A.Ş.", 40, "1234.50")
    assert firm.trade_name_folded == "firma 1 a.s."
    assert sorted(firm.capabilities.values_list("kind", "name_tr")) == [
        ("material", "Paslanmaz çelik"), ("process", "CNC işleme")]


@pytest.mark.django_db
def test_the_preview_writes_nothing(personas):
    run = preview(FirmResource, csv_file([HEADER, firm_row(1)]), program=personas.program,
                  user=personas.coordinator)
    assert (run.status, run.new_count) == ("previewed", 1)
    assert not Firm.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "column", "message"), [
    ({"vkn": "1111111110"}, "Tax number (VKN)",
     "“1111111110” is not a valid tax number (VKN): its check digit should be 4."),
    ({"vkn": "12345"}, "Tax number (VKN)",
     "A tax number (VKN) has exactly 10 digits; “12345” does not."),
    ({"nace": "xx"}, "Sector (NACE Rev.2)",
     "Sector “xx”: not a NACE Rev.2 class code (such as 25.62)."),
    ({"employees": "kırk"}, "Employees", "“kırk” is not a number."),
    ({"employees": "40,5"}, "Employees", "“40,5” is not a whole number."),
    ({"exports": "-5"}, "Last year's exports (USD)", "“-5”: must be at least 0."),
    ({"exporter": "belki"}, "Exporter", "“belki”: write Yes or No."),
    ({"name": ""}, "Trade name", "This column cannot be empty."),
    ({"capabilities": "CNC"}, "Capabilities",
     "“CNC”: write each capability as “Kind: name”, separated by “|”, for example "
     "“Süreç: CNC işleme”."),
    ({"capabilities": "Robot: kaynak"}, "Capabilities",
     "“Robot” is not one of: Product, Material, Process, Certification."),
])
def test_a_bad_cell_is_rejected_with_its_row_column_and_message(personas, changes, column,
                                                                message):
    upload = csv_file([HEADER, firm_row(1), firm_row(2, **changes)])
    run = preview(FirmResource, upload, program=personas.program, user=personas.coordinator)
    assert run.status == "rejected"
    assert (run.new_count, run.rejected_count) == (1, 1)
    assert messages_of(run) == [(3, column, message)]
    assert not Firm.objects.exists()


@pytest.mark.django_db
def test_a_tax_number_twice_in_the_file_is_rejected(personas):
    upload = csv_file([HEADER, firm_row(1), firm_row(1, name="Başka")])
    run = preview(FirmResource, upload, program=personas.program, user=personas.coordinator)
    assert messages_of(run) == [
        (3, "Tax number (VKN)", f"“{valid_vkn(1)}” appears twice in the file: also on row 2.")]


@pytest.mark.django_db
def test_a_rejected_preview_cannot_be_confirmed(personas):
    from core.importing.files import ImportFileError
    from tracker.importing.runs import confirm_import

    run = preview(FirmResource, csv_file([HEADER, firm_row(1, nace="x")]),
                  program=personas.program, user=personas.coordinator)
    with pytest.raises(ImportFileError):
        confirm_import(run_id=run.pk, user=personas.coordinator)
    assert not Firm.objects.exists()


@pytest.mark.django_db
def test_a_windows_1254_csv_with_turkish_headers_imports(personas):
    header = ["Vergi kimlik numarası (VKN)", "Ticari unvan", "Sektör (NACE Rev.2)", "İlçe",
              "Çalışan sayısı", "İhracatçı"]
    rows = [header, [valid_vkn(7), "Şık Mobilya Ltd. Şti.", "31.09", "Talas", "1.250", "Evet"]]
    upload = csv_file(rows, encoding="cp1254")
    run = import_file(FirmResource, upload, program=personas.program, user=personas.coordinator)
    firm = Firm.objects.get(tax_number=valid_vkn(7))
    assert (run.new_count, firm.trade_name, firm.district, firm.employees, firm.is_exporter) == (
        1, "Şık Mobilya Ltd. Şti.", "Talas", 1250, True)


@pytest.mark.django_db
@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8-sig", ";"), ("utf-8", ","), ("cp1254", ";"),
])
def test_encodings_and_separators(personas, encoding, delimiter):
    rows = [HEADER[:4], [valid_vkn(3), "Öz Çelik", "25.11", "Melikgazi"]]
    run = import_file(FirmResource, csv_file(rows, encoding=encoding, delimiter=delimiter),
                      program=personas.program, user=personas.coordinator)
    assert run.new_count == 1
    assert Firm.objects.get().trade_name == "Öz Çelik"


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "stored"), [
    ("1.234,5", "1234.50"), ("1234.5", "1234.50"), ("1234,5", "1234.50"),
    ("1,234.5", "1234.50"), ("3.751", "3751.00"), ("12", "12.00"),
])
def test_number_formats(personas, typed, stored):
    rows = [HEADER[:4] + ["Last year's exports (USD)"],
            [valid_vkn(4), "Sayı A.Ş.", "25.62", "Talas", typed]]
    import_file(FirmResource, csv_file(rows), program=personas.program,
                user=personas.coordinator)
    assert str(Firm.objects.get().export_value_usd) == stored


@pytest.mark.django_db
def test_an_xlsx_with_typed_cells_and_blank_trailing_rows_imports(personas):
    rows = [HEADER[:6], [int(valid_vkn(5)), "Excel A.Ş.", "28.30", "Kocasinan", 35, True],
            [None] * 6, [None] * 6]
    run = import_file(FirmResource, xlsx_file(rows), program=personas.program,
                      user=personas.coordinator)
    firm = Firm.objects.get()
    assert (run.total_rows, firm.tax_number, firm.employees, firm.is_exporter) == (
        1, valid_vkn(5), 35, True)


@pytest.mark.django_db
def test_updates_match_on_the_tax_number_within_the_programme(personas):
    firm = FirmFactory(program=personas.program, tax_number=valid_vkn(1), trade_name="Eski")
    same_vkn_elsewhere = FirmFactory(program=personas.other_program, tax_number=valid_vkn(1),
                                     trade_name="Başka programın firması")
    run = import_file(FirmResource, csv_file([HEADER[:4], firm_row(1)[:4]]),
                      program=personas.program, user=personas.coordinator)
    firm.refresh_from_db()
    same_vkn_elsewhere.refresh_from_db()
    assert (run.new_count, run.updated_count) == (0, 1)
    assert firm.trade_name == "Firma 1 A.Ş."
    assert same_vkn_elsewhere.trade_name == "Başka programın firması"


@pytest.mark.django_db
def test_capabilities_are_replaced_by_the_files(personas):
    import_file(FirmResource, csv_file([HEADER, firm_row(1)]), program=personas.program,
                user=personas.coordinator)
    run = import_file(FirmResource, csv_file([HEADER, firm_row(1, capabilities="Product: Vana")]),
                      program=personas.program, user=personas.coordinator)
    assert run.updated_count == 1
    assert list(Capability.objects.values_list("kind", "name_tr")) == [("product", "Vana")]


@pytest.mark.django_db
def test_a_file_without_the_key_column_is_refused(personas):
    run = preview(FirmResource, csv_file([["Trade name"], ["A"]]), program=personas.program,
                  user=personas.coordinator)
    assert run.status == ImportRun.Status.REJECTED
    assert run.message.startswith("The file has no column “Tax number (VKN)”")


@pytest.mark.django_db
def test_a_file_of_another_kind_is_refused(personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.importing.files import ImportFileError

    with pytest.raises(ImportFileError, match="neither an Excel"):
        preview(FirmResource, SimpleUploadedFile("firms.pdf", b"%PDF"),
                program=personas.program, user=personas.coordinator)
