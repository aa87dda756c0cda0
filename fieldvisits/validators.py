from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def vkn_check_digit(first_nine):
    """The tenth digit of a Turkish tax number (VKN) for its first nine digits."""
    total = 0
    for position, char in enumerate(first_nine, start=1):
        shifted = (int(char) + 10 - position) % 10
        if shifted == 9:
            total += 9
        else:
            total += (shifted * 2 ** (10 - position)) % 9
    return (10 - total % 10) % 10


def is_valid_vkn(value):
    return (
        isinstance(value, str)
        and len(value) == 10
        and value.isascii()
        and value.isdigit()
        and vkn_check_digit(value[:9]) == int(value[9])
    )


def validate_vkn(value):
    """Validate a Turkish tax number: ten digits whose last digit is the checksum."""
    if not isinstance(value, str) or len(value) != 10 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("A tax number (VKN) has exactly 10 digits; “%(value)s” does not."),
            code="vkn_format",
            params={"value": value},
        )
    if not is_valid_vkn(value):
        raise ValidationError(
            _("“%(value)s” is not a valid tax number (VKN): its check digit should be %(digit)s."),
            code="vkn_checksum",
            params={"value": value, "digit": vkn_check_digit(value[:9])},
        )
