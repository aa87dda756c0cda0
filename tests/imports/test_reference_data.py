"""Firms are checked against reference data on import and in forms: NACE Rev. 2 classes,
the districts of the programme's province, plausible founding years and head counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from fieldvisits.models import Firm
from fieldvisits.reference import nace_entries
from fieldvisits.resources import FirmResource
from tests.factories import FirmFactory, valid_vkn
from tests.imports.helpers import csv_file, messages_of, preview

HEADER = ["Tax number (VKN)", "Trade name", "Sector (NACE Rev.2)", "District", "Founding year",
          "Employees"]


def row(n, nace="25.62", district="Kocasinan", year="1987", employees="40"):
    return [valid_vkn(n), f"Firma {n} A.Ş.", nace, district, year, employees]


def refusals(personas, *rows):
    run = preview(FirmResource, csv_file([HEADER, *rows]), program=personas.program,
                  user=personas.coordinator)
    assert run.status == "rejected"
    assert not Firm.objects.exists()
    return messages_of(run)


@pytest.mark.django_db
def test_an_unknown_nace_class_is_refused(personas):
    assert refusals(personas, row(1, nace="99.99")) == [(2, "Sector (NACE Rev.2)", (
        "“99.99” is not a NACE Rev. 2 class of division 99 (Ülke dışındaki örgütlerin ve "
        "temsilciliklerinin faaliyetleri)."))]


@pytest.mark.django_db
def test_a_district_outside_the_programmes_province_is_refused(personas):
    [(_row, column, message)] = refusals(personas, row(1, district="Atlantis"))
    assert column == "District"
    assert message.startswith("“Atlantis” is not a district of Kayseri. Districts: Akkışla, ")


@pytest.mark.django_db
def test_a_founding_year_before_1900_is_refused(personas):
    this_year = datetime.date.today().year
    assert refusals(personas, row(1, year="1890")) == [(2, "Founding year", (
        f"A founding year lies between 1900 and {this_year}; 1890 does not."))]


@pytest.mark.django_db
def test_an_implausible_head_count_is_refused(personas):
    assert refusals(personas, row(1, employees="2500000")) == [(2, "Employees", (
        "2.500.000 employees is more than any firm in Türkiye has; check the figure."))]


@pytest.mark.django_db
def test_a_clean_row_in_a_listed_district_is_accepted(personas):
    run = preview(FirmResource, csv_file([HEADER, row(1, district="İncesu", nace="28.93")]),
                  program=personas.program, user=personas.coordinator)
    assert (run.status, run.new_count) == ("previewed", 1)


@pytest.mark.django_db
def test_the_firm_form_checks_the_same_reference_data(personas):
    firm = FirmFactory.build(program=personas.program, nace_code="10.99", district="Talas")
    with pytest.raises(ValidationError) as refused:
        firm.full_clean()
    assert list(refused.value.message_dict) == ["nace_code"]


def test_the_nace_list_carries_both_languages_for_every_manufacturing_class():
    classes = {code: titles for code, (level, *titles) in nace_entries().items()
               if level == "class" and "10" <= code[:2] <= "33"}
    assert len(classes) > 200
    assert all(turkish and english for turkish, english in classes.values())
    assert classes["25.62"] == ["Metallerin makinede işlenmesi (talaşlı imalat)", "Machining"]
