"""Right-to-left report text (Persian): the font, line breaking, shaping and mirroring.

reportlab 5.1 reorders right-to-left text only through the optional ``rlbidi`` package and
shapes it only through ``uharfbuzz``; neither is in this project. Text is therefore broken
into lines here first (on the width of the *shaped* words), and each line is then joined
(arabic-reshaper: letters to their initial, medial, final forms) and put in visual order
(python-bidi) on its own. Doing both before breaking would reverse the order of the lines,
because the first visual word of a paragraph is its last logical one.

The font is Noto Sans Arabic (SIL Open Font License), shipped by the PyPI package
``fontpkg-noto-sans-arabic``: Arabic script with the Persian letters (پ چ ژ گ ی ک), their
presentation forms, Persian digits and Latin, so a Persian line that names a Latin
abbreviation needs no second font. The package ships one variable font; its default
instance is the regular weight, so headings differ by size, not weight.
"""

import re
import unicodedata
from html import unescape

import arabic_reshaper
import fontpkg_noto_sans_arabic
import jdatetime
from bidi import get_display
from bidi.mirror import MIRRORED
from django.utils.translation import get_language
from reportlab.lib.enums import TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from core.digits import to_persian_digits as persian_digits

RTL_LANGUAGES = ("fa",)
RTL_FONT = "ReportPersian"
RTL_FONT_FILE = next((fontpkg_noto_sans_arabic.ROOT / "files").glob("NotoSansArabic*.ttf"))
PERSIAN_SEPARATORS = str.maketrans({",": "٬", ".": "٫"})
TAG = re.compile(r"<[^>]+>")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def register_font():
    if RTL_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(RTL_FONT, str(RTL_FONT_FILE)))


register_font()


def is_rtl(language=None):
    """True when ``language`` (default: the active one) is written right to left."""
    return (language or get_language() or "").split("-")[0] in RTL_LANGUAGES


def solar_hijri(day):
    """``1405/09/15``: a Gregorian date in the Solar Hijri calendar Persian readers use."""
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


def visual(text):
    """One line of logical text as it is drawn: Persian digits, joined letter forms, in
    visual (left-to-right drawing) order. A line with no right-to-left letter (a Latin
    name, a figure) keeps a left-to-right base, so its brackets and full stop stay put.

    python-bidi's ``get_display`` reorders without mirroring (rule L4), so brackets and
    guillemets came out facing away from their text (")به ترکی("): the ones that end up
    right to left (all but those inside a left-to-right run) are mirrored beforehand."""
    text = persian_digits(text)
    if not _right_to_left(text):
        return text
    logical = _mirrored_outside_runs(_embedded_left_to_right(text))
    return get_display(arabic_reshaper.reshape(logical), base_dir="R").translate(EMBEDDING_MARKS)


LEFT_TO_RIGHT_EMBEDDING, POP_DIRECTIONAL_FORMATTING = "\u202a", "\u202c"
EMBEDDING_MARKS = str.maketrans("", "", LEFT_TO_RIGHT_EMBEDDING + POP_DIRECTIONAL_FORMATTING)


def _mirrored_outside_runs(line):
    """``line`` with each mirrored character (brackets, «») outside its left-to-right runs
    replaced by its mirror image: the glyph a right-to-left reader must see there."""
    result, depth = [], 0
    for char in line:
        if char == LEFT_TO_RIGHT_EMBEDDING:
            depth += 1
        elif char == POP_DIRECTIONAL_FORMATTING:
            depth -= 1
        result.append(MIRRORED.get(char, char) if depth == 0 else char)
    return "".join(result)


def _right_to_left(word):
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in word)


def _embedded_left_to_right(line):
    """``line`` with each run of words that hold no right-to-left letter but at least one
    Latin one (a Turkish title shown in a Persian report, "KTO", "milyon USD") embedded as
    left to right, so the run reads as written: "2.000 firmanın …" keeps its number in
    front instead of being carried to the far end of the Persian line."""
    words = line.split(" ")
    result, run = [], []

    def close_run():
        text = " ".join(run)
        kinds = [unicodedata.bidirectional(char) for char in text]
        if "L" in kinds:
            # From its first letter or figure to its last letter: a bracket or dash at
            # either end belongs to the Persian text around it.
            start = min(kinds.index("L"), kinds.index("EN") if "EN" in kinds else len(text))
            end = len(kinds) - kinds[::-1].index("L")
            text = (text[:start] + LEFT_TO_RIGHT_EMBEDDING + text[start:end]
                    + POP_DIRECTIONAL_FORMATTING + text[end:])
        if run:
            result.append(text)
        run.clear()

    for word in words:
        if _right_to_left(word):
            close_run()
            result.append(word)
        else:
            run.append(word)
    close_run()
    return " ".join(result)


def width(text, size):
    return stringWidth(visual(text), RTL_FONT, size)


def plain(markup):
    """Paragraph markup (escaped text, ``<b>``, ``<br/>``) as plain text lines."""
    return [unescape(TAG.sub("", part)) for part in BREAK.split(markup)]


def break_lines(text, size, available):
    """Logical lines of ``text`` no wider than ``available`` points once shaped; a single
    word wider than that keeps a line of its own."""
    lines = []
    for part in text:
        line = []
        for word in part.split():
            if line and width(" ".join([*line, word]), size) > available:
                lines.append(" ".join(line))
                line = []
            line.append(word)
        lines.append(" ".join(line))
    return lines


class RtlParagraph(Flowable):
    """A right-to-left paragraph in the style's size, leading, colour and spacing, set flush
    right (flush left when the style is flush right in left-to-right text: figures sit at
    the end of the line in both directions). It splits between lines across pages."""

    def __init__(self, markup, style, lines=None):
        super().__init__()
        self.style = style
        self.text = plain(markup) if lines is None else lines
        self.lines = lines
        self.mirrored_end = style.alignment == TA_RIGHT
        self.keepWithNext = getattr(style, "keepWithNext", 0)

    def wrap(self, available_width, available_height):
        if self.lines is None or getattr(self, "_wrapped_for", None) != available_width:
            self.lines = break_lines(self.text, self.style.fontSize, available_width)
            self._wrapped_for = available_width
        self.width = available_width
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fit = int(available_height // self.style.leading)
        if fit <= 0 or fit >= len(self.lines):
            return [] if fit <= 0 else [self]
        return [RtlParagraph("", self.style, lines=self.lines[:fit]),
                RtlParagraph("", self.style, lines=self.lines[fit:])]

    def getSpaceBefore(self):  # noqa: N802 (reportlab's name)
        return self.style.spaceBefore

    def getSpaceAfter(self):  # noqa: N802 (reportlab's name)
        return self.style.spaceAfter

    def draw(self):
        canvas, size = self.canv, self.style.fontSize
        canvas.setFont(RTL_FONT, size)
        canvas.setFillColor(self.style.textColor)
        baseline = self.height - size
        for line in self.lines:
            if self.mirrored_end:
                canvas.drawString(0, baseline, visual(line))
            else:
                canvas.drawRightString(self.width, baseline, visual(line))
            baseline -= self.style.leading


def mirrored(row):
    """A table row in right-to-left column order."""
    return list(reversed(row))
