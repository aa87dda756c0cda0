"""The directory search: Turkish-aware, ranked, district-narrowed, English-capable."""

import pytest

from directory.public import search_directory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_directory")]


def names(results):
    return [entry.trade_name for entry in results.entries]


def test_stainless_cnc_shop_comes_first_for_paslanmaz_cnc_isleme(personas, catalogue):
    results = search_directory(personas.program, "paslanmaz CNC işleme")
    assert names(results)[0] == "Erciyes Hassas Makine San. ve Tic. A.Ş."
    assert results.entries[0].terms_matched == 3


@pytest.mark.parametrize("query", ["PASLANMAZ CNC ISLEME", "paslanmaz cnc isleme",
                                   "Paslanmaz CNC İşleme", "PASLANMAZ ÇELİK"])
def test_turkish_letters_and_case_fold(personas, catalogue, query):
    assert names(search_directory(personas.program, query))[0] == (
        "Erciyes Hassas Makine San. ve Tic. A.Ş.")


def test_a_capability_match_ranks_above_a_name_match(personas, catalogue):
    found = names(search_directory(personas.program, "paslanmaz"))
    assert found == ["Erciyes Hassas Makine San. ve Tic. A.Ş.",
                     "Paslanmaz Dünyası Ticaret Ltd. Şti."]


def test_a_district_word_narrows_to_the_district(personas, catalogue):
    assert names(search_directory(personas.program, "döküm Kocasinan")) == [
        "Kaya Döküm Ltd. Şti."]
    assert set(names(search_directory(personas.program, "döküm"))) == {
        "Kaya Döküm Ltd. Şti.", "Talas Metal Döküm A.Ş."}


def test_an_english_query_finds_the_medical_textile_maker_first(personas, catalogue):
    found = names(search_directory(personas.program, "medical textile"))
    assert found[0] == "Argeus Tekstil A.Ş."
    # "textile" also names the weaving sector in English: the plain weaver follows.
    assert "Sultan Dokuma Ltd. Şti." in found[1:]


def test_an_english_query_finds_the_stainless_cnc_shop(personas, catalogue):
    assert names(search_directory(personas.program, "stainless steel CNC machining"))[0] == (
        "Erciyes Hassas Makine San. ve Tic. A.Ş.")


def test_an_empty_search_lists_every_listed_firm_by_name(personas, catalogue):
    results = search_directory(personas.program, "")
    assert results.total == 6
    assert names(results) == sorted(names(results), key=lambda name: name.replace("Ş", "S"))


def test_the_card_carries_what_the_firm_makes(personas, catalogue):
    entry = search_directory(personas.program, "flanş").entries[0]
    assert entry.products == ["Flanş"]
    assert entry.processes == ["CNC işleme"]
    assert entry.materials == ["Paslanmaz çelik"]
    assert entry.certifications == ["ISO 9001"]
    assert entry.capacity == "aylık 40 ton"
    assert entry.district == "Kocasinan"
    assert entry.sector == "Machining"


def _list_more(personas, count):
    from tests.directory.conftest import listed

    for index in range(count):
        listed(personas.program, personas.coordinator, f"Ek Firma {index}", "Talas", "25.62",
               [("process", "CNC işleme"), ("material", "Paslanmaz çelik")])


@pytest.mark.parametrize("extra", [0, 25])
def test_query_count_does_not_grow_with_the_results(personas, catalogue, extra,
                                                    django_assert_max_num_queries):
    _list_more(personas, extra)
    with django_assert_max_num_queries(4):
        results = search_directory(personas.program, "paslanmaz CNC Kocasinan")
    assert results.total == 1
    with django_assert_max_num_queries(4):
        results = search_directory(personas.program, "paslanmaz CNC")
    assert results.total == 2 + extra
    with django_assert_max_num_queries(4):
        assert search_directory(personas.program, "").total == 6 + extra


def test_firms_matching_every_word_rank_above_partial_matches(personas, catalogue):
    from tests.directory.conftest import listed

    listed(personas.program, personas.coordinator, "Ahşap Sanat Ltd. Şti.", "Talas", "16.23",
           [("process", "Ahşap işleme"), ("product", "Kapı")])
    listed(personas.program, personas.coordinator, "Develi Paslanmaz Kaynak A.Ş.", "Develi",
           "25.62", [("process", "CNC işleme"), ("material", "Paslanmaz çelik")])
    results = search_directory(personas.program, "paslanmaz CNC işleme")
    found = names(results)
    assert found[:2] == ["Develi Paslanmaz Kaynak A.Ş.",
                         "Erciyes Hassas Makine San. ve Tic. A.Ş."]
    assert [entry.terms_matched for entry in results.entries[:2]] == [3, 3]
    assert found.index("Ahşap Sanat Ltd. Şti.") > 1
    assert results.entries[found.index("Ahşap Sanat Ltd. Şti.")].terms_matched == 1


@pytest.mark.parametrize(("query", "expected"), [
    ("İŞLEME", "Erciyes Hassas Makine San. ve Tic. A.Ş."),
    ("ISIL", "Isıl İşlem Ltd. Şti."),
    ("ısıl", "Isıl İşlem Ltd. Şti."),
    ("ISIL İŞLEM", "Isıl İşlem Ltd. Şti."),
])
def test_turkish_capitals_find_lower_case_words(personas, catalogue, query, expected):
    from tests.directory.conftest import listed

    listed(personas.program, personas.coordinator, "Isıl İşlem Ltd. Şti.", "Talas", "25.61",
           [("process", "ısıl işlem")])
    assert expected in names(search_directory(personas.program, query))


def test_a_renamed_capability_is_found_under_its_new_name(personas, catalogue):
    capability = catalogue.foundry.firm.capabilities.get(name_tr="Döküm")
    capability.name = "Hassas döküm"
    capability.save()
    assert names(search_directory(personas.program, "hassas döküm"))[0] == (
        "Kaya Döküm Ltd. Şti.")


def test_results_come_a_page_at_a_time(personas, catalogue):
    _list_more(personas, 25)
    first = search_directory(personas.program, "paslanmaz CNC", page_size=20)
    second = search_directory(personas.program, "paslanmaz CNC", page=2, page_size=20)
    assert (first.total, len(first.entries), len(second.entries)) == (27, 20, 7)
    assert first.page.has_next() and not second.page.has_next()
    assert not set(names(first)) & set(names(second))
