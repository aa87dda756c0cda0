"""A firm without a recorded, current consent is never found, by any query, on any
path of the public site."""

import pytest

from directory.public import listed_entry, search_directory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_directory")]

QUERIES = [
    "", "paslanmaz", "PASLANMAZ ÇELİK", "CNC", "paslanmaz CNC işleme", "döküm", "dokum",
    "medikal tekstil", "medical textile", "stainless CNC machining", "Develi", "Yahyalı",
    "Bünyan", "döküm Develi", "CNC Yahyalı", "Gizli", "Çekilmiş", "Yarın", "Başka",
    "Gizli Paslanmaz CNC A.Ş.", "Çekilmiş Paslanmaz İşleme A.Ş.", "Yarın Paslanmaz Döküm A.Ş.",
    "Başka İl Paslanmaz CNC A.Ş.", "Ayşe Gizli", "Mehmet Çekilmiş", "25.62", "Machining",
]
NEVER = ("Gizli", "Çekilmiş", "Yarın", "Başka İl")


def _never_found(names):
    return [name for name in names if name.startswith(NEVER)]


@pytest.mark.parametrize("query", QUERIES)
def test_no_query_finds_a_firm_without_consent(personas, catalogue, query):
    names = [entry.trade_name for entry in search_directory(personas.program, query,
                                                             page_size=1000).entries]
    assert _never_found(names) == []


def test_no_query_finds_a_firm_by_its_tax_number(personas, catalogue):
    for firm in (catalogue.hidden, catalogue.withdrawn.firm, catalogue.stainless.firm):
        assert search_directory(personas.program, firm.tax_number).total == 0


def test_no_directory_page_shows_a_firm_without_consent(anonymous_client, directory_site,
                                                        catalogue):
    for url, query in [(url, query) for url in (directory_site.tr_url, directory_site.en_url)
                       for query in QUERIES]:
        html = anonymous_client.get(url, {"q": query}).content.decode()
        # The search box repeats the query; the result cards are what must not name them.
        cards = html.split('<ul class="firm-cards">', 1)[1].split("</ul>", 1)[0]
        assert [name for name in NEVER if name in cards] == [], (url, query)


def test_the_enquiry_form_does_not_show_a_firm_without_consent(
        anonymous_client, directory_site, catalogue):
    url = directory_site.tr_url + "enquiry/"
    for listing in (catalogue.withdrawn, catalogue.future):
        html = anonymous_client.get(url, {"firm": listing.pk}).content.decode()
        assert listing.firm.trade_name not in html
        assert listed_entry(listing.pk) is None
    # A firm listed in another programme's directory keeps its card.
    html = anonymous_client.get(url, {"firm": catalogue.elsewhere.pk}).content.decode()
    assert catalogue.elsewhere.firm.trade_name in html


def test_withdrawing_consent_removes_the_firm_from_a_cached_page(
        anonymous_client, directory_site, catalogue, personas):
    url = directory_site.tr_url
    assert "Erciyes Hassas" in anonymous_client.get(url, {"q": "paslanmaz"}).content.decode()
    assert anonymous_client.get(url, {"q": "paslanmaz"})["X-Public-Cache"] == "hit"
    import datetime

    listing = catalogue.stainless
    listing.withdrawn_on = datetime.date.today()
    listing.withdrawn_by = personas.coordinator
    listing.save()
    response = anonymous_client.get(url, {"q": "paslanmaz"})
    assert response["X-Public-Cache"] == "miss"
    assert "Erciyes Hassas" not in response.content.decode()
