from types import SimpleNamespace

import pytest

from tests.conftest import make_personas
from tests.directory.factories import ListingFactory, with_capabilities
from tests.factories import FirmFactory
from tests.scoped_data import copy_of_rows, opted_in_rows, persona_fixtures, rows_for_scope
from tracker.access import Role


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached page and no counted enquiry."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enquiry_wait(settings):
    """Forms are sent at once in tests; the minimum time a person needs is tested apart."""
    settings.DIRECTORY_ENQUIRY_MIN_SECONDS = 0


SHARED_SCOPES = ("shared_directory",)
globals().update(persona_fixtures(*SHARED_SCOPES))


@pytest.fixture
def directory_site(request, personas, role_groups):
    """The public site of the personas' programme with its directory page in both
    languages."""
    shared = opted_in_rows(request, SHARED_SCOPES)
    return shared.site if shared else build_directory_site(personas, role_groups)


def build_directory_site(personas, role_groups):
    from cms.demo import seed_directory_page, seed_public_site

    home = seed_public_site(personas.program, role_groups[Role.EDITOR])
    page = seed_directory_page(home)
    english = page.get_translation(
        page.locale.__class__.objects.get(language_code="en")).specific
    return SimpleNamespace(page=page, english=english, tr_url=page.url, en_url=english.url)


def listed(program, recorder, trade_name, district, nace_code, capabilities, **fields):
    firm = with_capabilities(
        FirmFactory(program=program, trade_name=trade_name, district=district,
                    nace_code=nace_code, contact_person=fields.pop("contact_person", "")),
        *capabilities)
    return ListingFactory(firm=firm, recorded_by=recorder, **fields)


@pytest.fixture
def catalogue(request, personas):
    """Listed firms of the personas' programme, plus firms that must never be found:
    one without consent, one that withdrew, one whose consent starts tomorrow."""
    shared = opted_in_rows(request, SHARED_SCOPES)
    return shared.catalogue if shared else build_catalogue(personas)


def build_catalogue(personas):
    import datetime

    program, coordinator = personas.program, personas.coordinator
    stainless = listed(
        program, coordinator, "Erciyes Hassas Makine San. ve Tic. A.Ş.", "Kocasinan", "25.62",
        [("process", "CNC işleme"), ("material", "Paslanmaz çelik"), ("product", "Flanş"),
         ("certification", "ISO 9001")],
        description_en="Stainless steel CNC machining of flanges and shafts.",
        description_tr="Paslanmaz çelik flanş ve mil işleme.", capacity="aylık 40 ton",
        contact_email="satis@erciyes.example", contact_person="Hüseyin Erciyes")
    foundry = listed(
        program, coordinator, "Kaya Döküm Ltd. Şti.", "Kocasinan", "24.10",
        [("process", "Döküm"), ("material", "Pik demir")],
        description_en="Grey iron casting.", description_tr="Pik demir döküm.")
    foundry_talas = listed(
        program, coordinator, "Talas Metal Döküm A.Ş.", "Talas", "24.10",
        [("process", "Döküm"), ("material", "Alüminyum")],
        description_en="Aluminium casting.", description_tr="Alüminyum döküm.")
    textile = listed(
        program, coordinator, "Argeus Tekstil A.Ş.", "Melikgazi", "13.20",
        [("product", "Medikal tekstil"), ("process", "Dokuma")],
        description_en="Medical textiles: surgical gowns and drapes.",
        description_tr="Medikal tekstil: cerrahi önlük ve örtüler.")
    weaver = listed(
        program, coordinator, "Sultan Dokuma Ltd. Şti.", "Melikgazi", "13.20",
        [("process", "Dokuma"), ("material", "Pamuk")],
        description_en="Cotton weaving.", description_tr="Pamuklu dokuma.")
    name_only = listed(
        program, coordinator, "Paslanmaz Dünyası Ticaret Ltd. Şti.", "Melikgazi", "25.99",
        [("process", "Kaynak")], description_en="Welding.", description_tr="Kaynak işleri.")
    hidden = with_capabilities(
        FirmFactory(program=program, trade_name="Gizli Paslanmaz CNC A.Ş.",
                    district="Develi", nace_code="25.62", contact_person="Ayşe Gizli"),
        ("process", "CNC işleme"), ("material", "Paslanmaz çelik"), ("process", "Döküm"),
        ("product", "Medikal tekstil"))
    withdrawn = listed(
        program, coordinator, "Çekilmiş Paslanmaz İşleme A.Ş.", "Yahyalı", "25.62",
        [("process", "CNC işleme"), ("material", "Paslanmaz çelik"), ("process", "Döküm")],
        description_en="Stainless CNC machining, casting, medical textile.",
        withdrawn_on=datetime.date.today() - datetime.timedelta(days=1),
        withdrawn_by=coordinator, contact_person="Mehmet Çekilmiş")
    future = listed(
        program, coordinator, "Yarın Paslanmaz Döküm A.Ş.", "Bünyan", "25.62",
        [("process", "CNC işleme"), ("material", "Paslanmaz çelik"), ("process", "Döküm")],
        consented_on=datetime.date.today() + datetime.timedelta(days=1))
    elsewhere = listed(
        personas.other_program, personas.outsider_coordinator, "Başka İl Paslanmaz CNC A.Ş.",
        "Kocasinan", "25.62", [("process", "CNC işleme"), ("material", "Paslanmaz çelik")])
    return SimpleNamespace(
        stainless=stainless, foundry=foundry, foundry_talas=foundry_talas, textile=textile,
        weaver=weaver, name_only=name_only, hidden=hidden, withdrawn=withdrawn, future=future,
        elsewhere=elsewhere)


@pytest.fixture(scope="module")
def shared_directory(django_db_setup, django_db_blocker):
    """Personas, the directory site and its catalogue built once for a module whose tests
    read them (about 2 s of CPU per test otherwise). What a test writes is rolled back
    after it (tests/scoped_data.py). A module opts in with
    ``pytest.mark.usefixtures("shared_directory")``, so that the rows are built before
    the first test's transaction begins; its ``personas``, ``role_groups``,
    ``directory_site`` and ``catalogue`` then come from here."""
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        return SimpleNamespace(groups=groups, personas=personas,
                               site=build_directory_site(personas, groups),
                               catalogue=build_catalogue(personas))

    with rows_for_scope(django_db_blocker, build, kept_as="personas and the directory") as shared:
        yield shared


@pytest.fixture
def shared_directory_rows(shared_directory, db):
    """This test's own copies of the shared rows (tests/scoped_data.copy_of_rows)."""
    return copy_of_rows(shared_directory)


@pytest.fixture
def anonymous_client(client):
    client.logout()
    return client
