"""Coordinators find firms by capability, with Turkish letters folded."""

import pytest
from django.urls import reverse

from fieldvisits.models import Capability, Firm
from fieldvisits.search import fold_turkish
from tests.factories import FirmFactory


@pytest.mark.parametrize(("text", "folded"), [
    ("İSTANBUL", "istanbul"), ("ISPARTA", "isparta"), ("ılık", "ilik"),
    ("Paslanmaz ÇELİK", "paslanmaz celik"), ("Şişe Ğ Ö Ü", "sise g o u"), ("", ""),
])
def test_fold_turkish(text, folded):
    assert fold_turkish(text) == folded


@pytest.fixture
def inventory(personas):
    def firm(name, district, *capabilities):
        created = FirmFactory(program=personas.program, trade_name=name, district=district)
        for kind, capability in capabilities:
            Capability.objects.create(firm=created, kind=kind, name=capability)
        return created

    return {
        "match": firm("Işık Makine Ltd. Şti.", "Kocasinan", ("process", "CNC talaşlı imalat"),
                      ("material", "Paslanmaz Çelik")),
        "wrong_district": firm("Talas Metal A.Ş.", "Talas", ("process", "CNC torna"),
                               ("material", "paslanmaz çelik")),
        "no_stainless": firm("Kocasinan Alüminyum A.Ş.", "Kocasinan",
                             ("process", "CNC işleme"), ("material", "Alüminyum")),
        "other_programme": FirmFactory(program=personas.other_program, district="Kocasinan"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["CNC PASLANMAZ ÇELİK KOCASİNAN", "cnc paslanmaz celik kocasinan",
                                   "Paslanmaz cnc Kocasınan"])
def test_search_matches_every_word_with_turkish_folding(personas, inventory, query):
    found = Firm.objects.for_user(personas.coordinator).with_capabilities(query)
    assert list(found) == [inventory["match"]]


@pytest.mark.django_db
def test_trade_names_are_searched_too(personas, inventory):
    found = Firm.objects.for_user(personas.coordinator).with_capabilities("ISIK makine")
    assert list(found) == [inventory["match"]]


@pytest.mark.django_db
def test_firm_listing_search_box_uses_the_capability_search(client, personas, inventory):
    client.force_login(personas.coordinator)
    page = client.get(reverse("firms:index"), {"q": "cnc paslanmaz kocasinan"}).content.decode()
    assert "Işık Makine Ltd. Şti." in page
    assert "Talas Metal" not in page and "Kocasinan Alüminyum" not in page


@pytest.mark.django_db
def test_agents_search_only_their_own_firms(personas, inventory):
    assert not Firm.objects.for_user(personas.agent1).with_capabilities("cnc").exists()
