"""Files name their programme: an export writes it, and an import refuses rows that name
another programme, so a file cannot copy one programme's firms into another."""

import pytest

from fieldvisits.models import Firm
from fieldvisits.resources import FirmResource
from tests.factories import FirmFactory, valid_vkn
from tests.imports.helpers import csv_file, messages_of, preview

HEADER = ["Programme", "Tax number (VKN)", "Trade name", "Sector (NACE Rev.2)", "District"]


def row(program_name, n):
    return [program_name, valid_vkn(n), f"Firma {n} A.Ş.", "25.62", "Kocasinan"]


@pytest.mark.django_db
def test_the_export_names_the_programme_of_every_row(personas):
    FirmFactory(program=personas.program, trade_name="Yakın Firma A.Ş.")
    resource = FirmResource(program=personas.program, user=personas.coordinator)
    assert resource.headers()[0] == "Programme"
    rows = list(resource.export_rows(resource.prepare_export(resource.program_rows()),
                                     native=False))
    assert [line[0] for line in rows] == [personas.program.name]


@pytest.mark.django_db
def test_rows_of_another_programme_are_refused(personas):
    upload = csv_file([HEADER, row(personas.program.name, 1),
                       row(personas.other_program.name, 2)])
    run = preview(FirmResource, upload, program=personas.program, user=personas.coordinator)
    assert run.status == "rejected"
    assert messages_of(run) == [(3, "Programme", (
        f"This row belongs to the programme “{personas.other_program.name}”; this import is "
        f"into “{personas.program.name}”. Import it in its own programme, or clear the "
        "column."))]
    assert not Firm.objects.exists()


@pytest.mark.django_db
def test_rows_naming_this_programme_or_none_are_imported(personas):
    upload = csv_file([HEADER, row(personas.program.name, 1), row("", 2),
                       row(personas.program.slug, 3)])
    run = preview(FirmResource, upload, program=personas.program, user=personas.coordinator)
    assert (run.status, run.new_count) == ("previewed", 3)


@pytest.mark.django_db
def test_rows_naming_this_programme_in_another_language_are_imported(personas):
    program = personas.program
    program.name_en, program.name_fa = "Kayseri Export Transformation", "تحول صادراتی قیصریه"
    program.save()
    upload = csv_file([HEADER, row(program.name_tr, 1), row(program.name_en, 2),
                       row(program.name_fa, 3)])
    run = preview(FirmResource, upload, program=program, user=personas.coordinator)
    assert (run.status, run.new_count) == ("previewed", 3)
