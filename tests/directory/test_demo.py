"""The directory's demo on the full Kayseri demo: a buyer finds a stainless-steel CNC
shop, a foundry in Kocasinan and a medical textile maker; enquiries in every state."""

import datetime

import pytest

from directory.demo import LISTINGS, seed_directory
from directory.models import Enquiry, Listing
from tests.seeded_demo import DEMO_ARGUMENTS, DEMO_DAY, seeded_demo
from tracker.models import Program

TODAY = datetime.date.fromisoformat(DEMO_DAY)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The full demo, directory included, loaded once for this module's read-only tests
    (tests/seeded_demo.py)."""

    def counted():
        program = Program.objects.get(slug="kayseri-ihracatta-donusum")
        # seed_demo loads the directory and its page; count what it made.
        return program, {"listings": Listing.objects.filter(firm__program=program).count(),
                         "enquiries": Enquiry.objects.filter(program=program).count()}

    with seeded_demo(django_db_blocker, *DEMO_ARGUMENTS):
        with django_db_blocker.unblock():
            counts = counted()
        yield counts


@pytest.fixture
def site(demo, db):
    from django.core.cache import cache

    cache.clear()
    return demo


def first_card(client, url, query):
    html = client.get(url, {"q": query}).content.decode()
    return html.split('<article class="card firm-card"', 2)[1].split("</article>", 1)[0]


def test_about_forty_firms_are_listed_with_enquiries_in_every_state(site):
    program, counts = site
    assert counts == {"listings": LISTINGS, "enquiries": 5}
    assert Listing.objects.filter(firm__program=program).public(TODAY).count() == LISTINGS
    assert set(Enquiry.objects.values_list("status", flat=True)) == set(Enquiry.Status.values)
    assert all(listing.description_en for listing in Listing.objects.all())


def test_a_second_run_adds_nothing(site):
    program, _counts = site
    assert seed_directory(program, TODAY) == {"listings": 0, "enquiries": 0}


def test_a_buyer_finds_a_kayseri_firm_that_machines_stainless_steel(site, client):
    card = first_card(client, "/tr/firma-rehberi/", "paslanmaz CNC işleme")
    assert "Paslanmaz çelik" in card and "CNC işleme" in card


def test_a_buyer_finds_a_foundry_in_kocasinan(site, client):
    card = first_card(client, "/tr/firma-rehberi/", "döküm Kocasinan")
    assert "Kocasinan" in card and "Döküm" in card


def test_a_buyer_abroad_finds_a_medical_textile_maker(site, client):
    card = first_card(client, "/en/directory/", "medical textile")
    assert "medical textiles" in card and "Medikal tekstil" not in card


def test_the_forwarded_demo_enquiry_names_its_steps(site):
    enquiry = Enquiry.objects.get(status=Enquiry.Status.FORWARDED)
    assert list(enquiry.events.values_list("to_status", flat=True)) == [
        "received", "matched", "forwarded"]
    assert enquiry.matched_listings.exists()
