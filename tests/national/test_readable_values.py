"""Inspect pages show values as people read them, in Turkish and local time."""

import datetime
from decimal import Decimal

from django.utils import translation

from core.formats import readable


def turkish(value):
    with translation.override("tr"):
        return str(readable(value))


def test_money_without_cents_reads_as_a_turkish_whole_number():
    assert turkish(Decimal("3990.00")) == "3.990"


def test_money_with_cents_keeps_them_with_a_decimal_comma():
    assert turkish(Decimal("1500000.50")) == "1.500.000,50"


def test_yes_no_and_nothing_are_words():
    assert (turkish(True), turkish(False), turkish(None)) == ("Evet", "Hayır", "—")


def test_a_time_is_shown_in_the_readers_time_zone():
    received = datetime.datetime(2026, 12, 6, 3, 30, tzinfo=datetime.UTC)
    assert "06:30" in turkish(received)


def test_a_person_is_named_not_given_by_username(db):
    from tests.factories import UserFactory

    user = UserFactory(username="coordinator", first_name="Ayşe", last_name="Yılmaz")
    assert turkish(user) == "Ayşe Yılmaz"
