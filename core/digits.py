"""Digits and separators as a reader's script writes them: Persian readers see ۰–۹, the
Persian thousands separator ٬, decimal separator ٫ and percent sign ٪."""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)

# Languages whose readers expect their own digits.
NATIVE_DIGIT_LANGUAGES = ("fa",)


def uses_native_digits(language):
    return (language or "").split("-")[0] in NATIVE_DIGIT_LANGUAGES


def to_persian_digits(text):
    """``"1405/09/15"`` → ``"۱۴۰۵/۰۹/۱۵"``; everything but the digits stays."""
    return str(text).translate(_TO_PERSIAN)


def to_latin_digits(text):
    """Persian and Arabic-Indic digits (and separators ٬ ٫) read back as Latin ones, so a
    number typed on a Persian keyboard parses."""
    return str(text).translate(_TO_LATIN).replace("٬", "").replace("٫", ".")


def persian_number(text):
    """A number already written with Latin digits, ``,`` grouping and ``.`` decimals, in
    Persian script: ``"3,751.5"`` → ``"۳٬۷۵۱٫۵"``; ``"62%"`` → ``"۶۲٪"``."""
    swapped = str(text).replace(",", "٬").replace(".", "٫").replace("%", "٪")
    return to_persian_digits(swapped)
