"""Numbers, percentages and dates as each reader's language writes them: Persian readers
get Persian digits, ٬ between thousands, ٫ before decimals and ٪."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from cms.templatetags.public_site import figure, percent
from core.digits import to_latin_digits
from core.formats import local_datetime
from core.templatetags.reader_formats import reader_digits
from portfolio import formats as portfolio_formats


@pytest.mark.parametrize(("language", "value", "decimals", "shown"), [
    ("fa", 3751, 0, "۳٬۷۵۱"),
    ("fa", Decimal("1234567.5"), 1, "۱٬۲۳۴٬۵۶۷٫۵"),
    ("fa", 3000000000, 0, "۳٬۰۰۰٬۰۰۰٬۰۰۰"),
    ("tr", 3751, 0, "3.751"),
    ("en", 3751, 0, "3,751"),
    ("tr", Decimal("1234.5"), 1, "1.234,5"),
])
def test_public_figures_in_the_reader_s_script(language, value, decimals, shown):
    with translation.override(language):
        assert figure(value, decimals) == shown


@pytest.mark.parametrize(("language", "shown"), [("fa", "۶۲٪"), ("tr", "%62"), ("en", "62%")])
def test_percentages_in_the_reader_s_script(language, shown):
    with translation.override(language):
        assert percent(62.4) == shown
        assert portfolio_formats.percent(62.4) == shown


def test_portfolio_amounts_in_persian():
    with translation.override("fa"):
        assert portfolio_formats.number(Decimal("1500000.25")) == "۱٬۵۰۰٬۰۰۰٫۲۵"
        assert portfolio_formats.number(None) == "–"


def test_a_time_stamp_in_the_solar_hijri_calendar_and_the_site_s_time_zone():
    moment = timezone.make_aware(datetime.datetime(2026, 3, 20, 22, 30),
                                 timezone.get_fixed_timezone(0))
    with translation.override("fa"):
        # 01:30 on 21 March in Istanbul: the first day of 1405.
        assert local_datetime(moment) == "۱۴۰۵/۰۱/۰۱ ۰۱:۳۰"
    with translation.override("en"):
        assert local_datetime(moment) == "21.03.2026 01:30"


def test_persian_digits_read_back_as_numbers():
    assert to_latin_digits("۳٬۷۵۱٫۵") == "3751.5"
    assert to_latin_digits("١٤٠٥") == "1405"


def test_the_digits_filter_leaves_other_readers_alone():
    with translation.override("fa"):
        assert reader_digits("12 / 40") == "۱۲ / ۴۰"
    with translation.override("tr"):
        assert reader_digits("12 / 40") == "12 / 40"


def test_only_separators_between_digits_change_in_a_sentence():
    with translation.override("fa"):
        assert reader_digits("2 نقطهٔ عطف. 3,751.5 و 62%.") == "۲ نقطهٔ عطف. ۳٬۷۵۱٫۵ و ۶۲٪."
