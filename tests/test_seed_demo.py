import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cms.models import HomePage
from fieldvisits import demo as field_demo
from fieldvisits.models import Assessment, Firm, Visit, VisitEvent
from fieldvisits.validators import is_valid_vkn
from portfolio.queries import portfolio
from tests.seeded_demo import DEMO_ARGUMENTS, seeded_demo
from tracker.models import Institution, Membership, Milestone, Phase, Program

DEMO_USERS = {"coordinator", "supervisor", "agent1", "agent2", "kto", "editor"}


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def table_counts():
    return {model.__name__: model.objects.count() for model in (
        Program, Phase, Milestone, Institution, Membership, Firm, Visit, VisitEvent, HomePage,
        get_user_model(),
    )}


@pytest.fixture
def small_demo(monkeypatch):
    """The demo at a fiftieth of its size, for tests about accounts and passwords."""
    monkeypatch.setattr(field_demo, "FIRMS_PER_SCALE", 43)
    monkeypatch.setattr(field_demo, "VISITS_PER_SCALE", 9)


@pytest.mark.django_db
def test_seed_demo_without_password_generates_and_prints_one(small_demo):
    output = seed()
    password = re.search(r"password: (\S+)", output).group(1)
    assert len(password) >= 10
    assert get_user_model().objects.get(username="coordinator").check_password(password)


@pytest.mark.django_db
def test_seed_demo_scale_two_doubles_firms_and_visits():
    seed("--scale", "2", "--password", "x-demo-pass-2026")
    one_x_firms = 2150
    kayseri = Program.objects.get(slug="kayseri-ihracatta-donusum")
    assert Firm.objects.filter(program=kayseri).count() == 2 * one_x_firms
    assert Visit.objects.filter(program=kayseri).count() == 2 * 450


@pytest.mark.django_db
def test_seed_demo_refuses_a_scale_below_one():
    with pytest.raises(CommandError, match="--scale must be a whole number of 1 or more"):
        seed("--scale", "0")
    assert Program.objects.count() == 0


@pytest.mark.django_db
def test_password_file_is_created_once_and_reused(tmp_path, small_demo):
    password_file = tmp_path / "demo-password.txt"
    first = seed("--password-file", str(password_file))
    password = password_file.read_text().strip()
    assert f"password: {password}" in first
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"
    second = seed("--password-file", str(password_file))
    assert f"password: {password}" in second
    assert get_user_model().objects.get(username="editor").check_password(password)


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """``seed_demo --password demo-pass-2026 --today …`` once for the class that asks (and
    the other modules on this worker that read it: tests/seeded_demo.py); its output."""
    with seeded_demo(django_db_blocker, *DEMO_ARGUMENTS) as output:
        yield output


@pytest.mark.django_db
class TestOneSeededDemo:
    """Tests that read the demo as ``seed_demo --password demo-pass-2026`` leaves it share
    one load of it; what a test writes is undone after it (tests/scoped_data.py)."""

    def test_seed_demo_creates_the_kayseri_programme_at_real_scale(self, seeded):
        output = seeded
        program = Program.objects.get(slug="kayseri-ihracatta-donusum")
        assert (program.name_tr, program.name_en) == (
            "Kayseri İhracatta Dönüşüm", "Kayseri Export Transformation")
        assert [p.name_tr for p in program.phases.order_by("order")] == [
            "Dönüşüm", "Gelişim", "Kazanım"
        ]
        assert program.phases.get(order=1).milestones.filter(
            title_tr="450 firmaya yerinde ziyaret").exists()
        assert {"Kayseri Valiliği", "Kayseri Ticaret Odası", "T.C. Ticaret Bakanlığı",
                "Kayseri Büyükşehir Belediyesi", "Kayseri Sanayi Odası",
                "Kayseri Ticaret Borsası"} <= set(
                    program.institutions.values_list("name", flat=True))
        assert Firm.objects.filter(program=program).count() >= 2000
        assert Visit.objects.filter(program=program).count() == 450
        assert all(is_valid_vkn(t) for t in Firm.objects.values_list("tax_number", flat=True))
        statuses = set(Visit.objects.values_list("status", flat=True))
        assert {"approved", "submitted", "scheduled", "in_progress"} <= statuses
        agents = set(Visit.objects.exclude(agent=None).values_list("agent__username", flat=True))
        assert agents == {"agent1", "agent2"}
        users = get_user_model().objects.filter(username__in=DEMO_USERS)
        assert set(users.values_list("username", flat=True)) == DEMO_USERS
        assert {u.username: u.groups.get().name for u in users} == {
            "coordinator": "Coordinator", "supervisor": "Supervisor", "agent1": "Field agent",
            "agent2": "Field agent", "kto": "Focal point", "editor": "Editor",
        }
        assert Membership.objects.get(user__username="kto").institution.short_name == "KTO"
        assert users.get(username="agent1").check_password("demo-pass-2026")
        assert "password: demo-pass-2026" in output
        # One home page per language for each of the two public sites: Kayseri's and Qom's.
        for language in ("tr", "en", "fa"):
            homes = HomePage.objects.filter(locale__language_code=language)
            assert sorted(homes.values_list("program__slug", flat=True)) == [
                "kayseri-ihracatta-donusum", "qom-khooshe"]


    def test_seed_demo_twice_changes_nothing(self, seeded):
        before = table_counts()
        tax_numbers = set(Firm.objects.values_list("tax_number", flat=True))
        visit_rows = set(Visit.objects.values_list("firm__tax_number", "agent__username", "status"))
        output = seed()
        assert table_counts() == before
        assert set(Firm.objects.values_list("tax_number", flat=True)) == tax_numbers
        assert set(Visit.objects.values_list("firm__tax_number", "agent__username",
                                             "status")) == visit_rows
        assert get_user_model().objects.get(username="kto").check_password("demo-pass-2026")
        assert "unchanged" in output

    def test_seed_demo_leaves_the_national_portfolio_counting_kayseris_assessed_firms(
            self, seeded):
        national = get_user_model().objects.get(username="national")
        rows = {row.program.slug: row for row in portfolio(national)["rows"]}
        kayseri = rows["kayseri-ihracatta-donusum"]
        assessed = Assessment.objects.filter(firm__program=kayseri.program).values(
            "firm").distinct().count()
        completed = Visit.objects.filter(program=kayseri.program,
                                         status__in=Visit.COMPLETED_STATUSES).count()
        assert assessed > 0
        assert kayseri.firms_assessed == assessed
        assert kayseri.visits_completed == completed > 0

    def test_seeded_visits_carry_the_history_that_led_to_their_status(self, seeded):
        approved = Visit.objects.filter(status=Visit.Status.APPROVED).first()
        steps = list(approved.events.values_list("from_status", "to_status", "by__username"))
        assert steps == [
            ("planned", "scheduled", "supervisor"),
            ("scheduled", "in_progress", approved.agent.username),
            ("in_progress", "submitted", approved.agent.username),
            ("submitted", "approved", "supervisor"),
        ]
        no_show = Visit.objects.filter(status=Visit.Status.NO_SHOW).first()
        assert no_show.events.last().note == "Firma yetkilisi randevuda yoktu."
        assert not VisitEvent.objects.filter(visit__status=Visit.Status.PLANNED).exists()
