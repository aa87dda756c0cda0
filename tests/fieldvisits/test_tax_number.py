import pytest
from django.core.exceptions import ValidationError

from fieldvisits.models import Firm
from fieldvisits.validators import is_valid_vkn, validate_vkn, vkn_check_digit
from tests.factories import FirmFactory


@pytest.mark.parametrize("vkn", ["4540536920", "1234567890", "0000000001"])
def test_valid_tax_numbers_are_accepted(vkn):
    assert is_valid_vkn(vkn)
    validate_vkn(vkn)


def test_check_digit_is_computed_from_the_first_nine_digits():
    assert vkn_check_digit("454053692") == 0
    assert vkn_check_digit("123456789") == 0
    assert vkn_check_digit("000000000") == 1


def test_wrong_check_digit_is_refused_with_the_expected_digit():
    with pytest.raises(ValidationError) as error:
        validate_vkn("4540536921")
    assert error.value.code == "vkn_checksum"
    assert error.value.messages[0] == (
        "“4540536921” is not a valid tax number (VKN): its check digit should be 0."
    )


@pytest.mark.parametrize(
    "bad", ["123456789", "12345678901", "12345abc90", "", "１２３４５６７８９２"]
)
def test_wrong_length_or_non_digits_are_refused(bad):
    with pytest.raises(ValidationError) as error:
        validate_vkn(bad)
    assert error.value.code == "vkn_format"
    assert "exactly 10 digits" in error.value.messages[0]


@pytest.mark.django_db
def test_firm_full_clean_reports_the_tax_number_field():
    firm = FirmFactory.build(program=FirmFactory().program, tax_number="1234567891")
    with pytest.raises(ValidationError) as error:
        firm.full_clean()
    assert list(error.value.message_dict) == ["tax_number"]


@pytest.mark.django_db
def test_tax_number_is_unique_within_a_programme_only():
    first = FirmFactory(tax_number="4540536920")
    duplicate = FirmFactory.build(program=first.program, tax_number="4540536920")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already registered" in str(error.value)
    FirmFactory(tax_number="4540536920")  # another programme: allowed
    assert Firm.objects.filter(tax_number="4540536920").count() == 2
