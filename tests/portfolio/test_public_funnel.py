"""The public home page shows the cluster funnel of its province beside all provinces of
its programme's country,
through ``clusters.public`` only, and a cluster's stage change renews the cached page."""

import copy
import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from clusters.demo_iran import seed_qom_programme
from clusters.models import Cluster
from cms.demo_qom import HOSTNAME, seed_qom_site
from tests.factories import ProgramFactory
from tests.portfolio.conftest import add_clusters
from tests.scoped_data import opted_in_rows, persona_fixtures, rows_for_scope
from tracker.access import Role

# The personas and their programme's public site are built once for the module; each
# test adds the clusters it reads, rolled back after it (tests/scoped_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_personas_home")]
globals().update(persona_fixtures("shared_personas_home"))


@pytest.fixture
def home(request):
    """The public site of the personas' programme, with no cluster yet."""
    cache.clear()
    return opted_in_rows(request, ("shared_personas_home",)).home


@pytest.fixture
def public_site(personas, home):
    add_clusters(personas.program)  # Kayseri
    add_clusters(ProgramFactory(province="Konya", slug="konya"))
    return home


def _cells(content, stage):
    row = content.split(f'<tr data-stage="{stage}">', 1)[1].split("</tr>", 1)[0]
    province = row.split('data-figure="province">', 1)[1].split("<", 1)[0]
    national = row.split('data-figure="national">', 1)[1].split("<", 1)[0]
    return province, national


def test_home_page_shows_the_province_and_national_funnel(client, public_site):
    response = client.get("/tr/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kümeler" in content
    assert _cells(content, "identified") == ("4", "8")
    assert _cells(content, "completed") == ("1", "2")
    assert 'data-stage="dropped"' not in content


def test_the_funnel_names_no_cluster(client, public_site):
    content = client.get("/en/").content.decode()
    assert "Küme 0" not in content and "Talep yok" not in content


def test_a_stage_change_renews_the_cached_home_page(client, personas, public_site):
    assert client.get("/tr/")["X-Public-Cache"] == "miss"
    assert client.get("/tr/")["X-Public-Cache"] == "hit"
    cluster = Cluster.objects.get(program=personas.program, stage=Cluster.Stage.IDENTIFIED)
    cluster.drop(by=personas.coordinator, reason="Firmalar ilgisiz")
    response = client.get("/tr/")
    assert response["X-Public-Cache"] == "miss"
    # A dropped cluster still counts as identified: the funnel keeps how far it got.
    assert _cells(response.content.decode(), "identified") == ("4", "8")


def test_no_funnel_before_any_cluster(client, home):
    assert 'data-table="cluster-funnel"' not in client.get("/tr/").content.decode()


@pytest.fixture(scope="class")
def qom_rows(shared_personas_home, django_db_blocker):
    """The Qom programme and its site, built once for the tests of a class."""
    def build():
        program, _clusters = seed_qom_programme(datetime.date(2026, 11, 23),
                                                by=shared_personas_home.personas.coordinator)
        seed_qom_site(program, shared_personas_home.groups[Role.EDITOR])
        return program

    with rows_for_scope(django_db_blocker, build) as program:
        yield program


@pytest.fixture
def qom_site(qom_rows, public_site):
    return copy.deepcopy(qom_rows)


class TestBesideQom:
    def test_qom_compares_with_the_provinces_of_iran_only(self, qom_site):
        content = Client(HTTP_HOST=HOSTNAME).get("/fa/").content.decode()
        identified = Cluster.objects.filter(program=qom_site).count()
        province, national = _cells(content, "identified")
        # Qom is Iran's only programme: the country's funnel is its own, in Persian digits.
        assert province == national == "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in str(identified))
        assert "همهٔ استان‌های ایران" in content

    def test_turkish_pages_leave_out_the_programmes_of_iran(self, client, qom_site):
        content = client.get("/tr/").content.decode()
        assert _cells(content, "identified") == ("4", "8")
        assert "Türkiye geneli" in content
