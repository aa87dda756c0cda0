"""Two zones of one programme, each with staff, firms and an open vacancy, and job
seekers; shared by the zone and career portal tests."""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from cms.demo import seed_public_site, seed_zones_page
from cms.models.zones import zone_page_url
from tests.conftest import make_personas
from tests.factories import FirmFactory, UserFactory
from tests.scoped_data import copy_of_rows, opted_in_rows, persona_fixtures, rows_for_scope
from tracker.access import Role
from zones.models import ConsentText, JobSeeker, Occupation, Vacancy, Zone, ZoneFirm
from zones.roles import add_zone_staff


@dataclass
class Zones:
    program: object
    zone: object
    other_zone: object
    staff: object
    other_staff: object
    firm: object
    other_firm: object
    vacancy: object
    other_vacancy: object
    welder: object


def make_zone(program, name, slug, district="Gebze"):
    return Zone.objects.create(program=program, name=name, slug=slug, province="Kocaeli",
                               district=district, reported_firms=341,
                               figures_source_note="Bölge yönetimi, 2025")


def make_vacancy(zone, firm, occupation, *, published=True, status=Vacancy.Status.OPEN,
                 positions=1, **extra):
    return Vacancy.objects.create(zone=zone, firm=firm, occupation=occupation,
                                  positions=positions, published=published, status=status,
                                  opened_at=timezone.now(), **extra)


def make_seeker(program, email, *, occupations=(), district="Gebze", verified=True,
                **extra):
    now = timezone.now()
    fields = {"first_name": "Zeynep", "last_name": "Kaynakçı", "phone": "+90 555 111 22 33",
              **extra}
    seeker = JobSeeker.objects.create(
        program=program, email=email, district=district, consent=ConsentText.current(),
        consented_at=now, email_verified_at=now if verified else None, **fields)
    seeker.occupations.set(occupations)
    return seeker


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    # The registration limit counts per address in the cache, which outlives a test.
    cache.clear()


SHARED_SCOPES = ("shared_zone_site",)
globals().update(persona_fixtures(*SHARED_SCOPES))


def make_zones(program):
    zone = make_zone(program, "İMES OSB", "imes")
    other_zone = make_zone(program, "Dilovası OSB", "dilovasi", district="Dilovası")
    firm = FirmFactory(program=program, district="Gebze", trade_name="Gebze Makina A.Ş.")
    other_firm = FirmFactory(program=program, district="Dilovası",
                             trade_name="Dilovası Döküm A.Ş.")
    ZoneFirm.objects.create(zone=zone, firm=firm)
    ZoneFirm.objects.create(zone=other_zone, firm=other_firm)
    staff, other_staff = UserFactory(username="imes"), UserFactory(username="dilovasi")
    add_zone_staff(zone=zone, user=staff)
    add_zone_staff(zone=other_zone, user=other_staff)
    welder = Occupation.objects.get(code="7212")
    return Zones(program=program, zone=zone, other_zone=other_zone, staff=staff,
                 other_staff=other_staff, firm=firm, other_firm=other_firm,
                 vacancy=make_vacancy(zone, firm, welder, certificates_wanted="MYK kaynak"),
                 other_vacancy=make_vacancy(other_zone, other_firm, welder),
                 welder=welder)


def make_zone_site(program, groups):
    home = seed_public_site(program, groups[Role.EDITOR])
    seed_zones_page(home)
    return home


@pytest.fixture
def zones(request, personas):
    shared = opted_in_rows(request, SHARED_SCOPES)
    return shared.zones if shared else make_zones(personas.program)


@pytest.fixture
def zone_site(request, zones, role_groups):
    """The programme's public site with its zones page, where each zone's page is."""
    shared = opted_in_rows(request, SHARED_SCOPES)
    return shared.site if shared else make_zone_site(zones.program, role_groups)


@pytest.fixture(scope="module")
def shared_zone_site(django_db_setup, django_db_blocker):
    """The personas, their programme's ``zones`` and its ``zone_site`` built once for a
    module (about 2 s of CPU a test otherwise). Each test still changes them at will: what
    it writes is rolled back after it (tests/scoped_data.py) and it gets its own copies of
    the objects. A module opts in with ``pytest.mark.usefixtures("shared_zone_site")``;
    its ``personas``, ``role_groups``, ``zones`` and ``zone_site`` then come from here,
    so all its tests find the site built."""
    from tracker.roles import sync_role_groups

    def build():
        groups = sync_role_groups()
        personas = make_personas()
        zones = make_zones(personas.program)
        return SimpleNamespace(groups=groups, personas=personas, zones=zones,
                               site=make_zone_site(personas.program, groups))

    with rows_for_scope(django_db_blocker, build, kept_as="personas and a zone site") as shared:
        yield shared


@pytest.fixture
def shared_zone_site_rows(shared_zone_site, db):
    return copy_of_rows(shared_zone_site)


def zone_url(zone, language="tr"):
    return zone_page_url(zone, language)
