import pytest

from portfolio.demo import seed_national_coordinator
from tracker.models import Membership, Program, is_national_coordinator

pytestmark = pytest.mark.django_db


def test_the_demo_national_coordinator_reads_every_programme_without_a_membership(personas):
    user, password = seed_national_coordinator(password="demo-pass-2026")
    assert password == "demo-pass-2026" and user.check_password("demo-pass-2026")
    assert is_national_coordinator(user)
    assert not Membership.objects.filter(user=user).exists()
    assert Program.objects.for_user(user).count() == Program.objects.count() == 2


def test_seeding_twice_keeps_the_password(personas):
    seed_national_coordinator(password="first-pass-2026")
    user, password = seed_national_coordinator()
    assert password is None and user.check_password("first-pass-2026")
