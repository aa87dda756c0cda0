"""The migration to per-language columns keeps every zone's and vacancy's text: what was
written before becomes the Turkish column, the English and Persian ones start empty."""

import pytest
from django.utils import timezone

from tests.factories import FirmFactory, ProgramFactory
from tests.schema import migrate, migrated_back

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("zones", "0003_full_isco08_list")
AFTER = ("zones", "0004_zone_and_vacancy_languages")


def test_the_texts_written_before_become_the_turkish_columns():
    program = ProgramFactory()
    firm = FirmFactory(program=program)
    with migrated_back([BEFORE]) as old:
        zone = old.get_model("zones", "Zone").objects.create(
            program_id=program.pk, name="İMES OSB", slug="imes", province="Kocaeli",
            district="Gebze", description="Makine firmaları.",
            figures_source_note="Bölge yönetimi, 2025")
        vacancy = old.get_model("zones", "Vacancy").objects.create(
            zone_id=zone.pk, firm_id=firm.pk,
            occupation=old.get_model("zones", "Occupation").objects.get(code="7212"),
            qualifications="MIG/MAG kaynak", opened_at=timezone.now())
        new = migrate([AFTER])
        zone = new.get_model("zones", "Zone").objects.get(pk=zone.pk)
        assert (zone.name_tr, zone.name_en, zone.name_fa) == ("İMES OSB", "", "")
        assert (zone.description_tr, zone.figures_source_note_tr) == (
            "Makine firmaları.", "Bölge yönetimi, 2025")
        vacancy = new.get_model("zones", "Vacancy").objects.get(pk=vacancy.pk)
        assert (vacancy.qualifications_tr, vacancy.qualifications_en) == ("MIG/MAG kaynak", "")

