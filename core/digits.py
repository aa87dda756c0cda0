"""Digits and separators as a reader's script writes them: Persian readers see ۰–۹, the
Persian thousands separator ٬, decimal separator ٫ and percent sign ٪."""

import re

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


_GROUPING = re.compile(r"(?<=\d),(?=\d{3})")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_PERCENT = re.compile(r"(?<=\d)\s?%|%(?=\d)")


def persian_number(text):
    """Numbers in ``text`` (Latin digits, ``,`` grouping, ``.`` decimals) in Persian script:
    ``"3,751.5"`` → ``"۳٬۷۵۱٫۵"``, ``"62%"`` → ``"۶۲٪"``. Only separators between digits
    change, so the full stop of a sentence around them stays."""
    text = _GROUPING.sub("٬", str(text))
    text = _DECIMAL.sub("٫", text)
    text = _PERCENT.sub("٪", text)
    return to_persian_digits(text)
