"""What every report PDF shares: the embedded font, A4 pages with "page x of y" and a footer
naming the period and the issue date, a DRAFT watermark on previews, paragraphs, tables
with measured column widths, and Turkish (or English) number, percentage and date formats.

The font is Bitstream Vera, which reportlab ships in ``reportlab/fonts``: its glyphs cover
every Turkish letter (ğ Ğ ş Ş ı İ ç ö ü), which the 14 standard PDF fonts cannot draw.
It is embedded (subset) in each PDF, so readers need nothing installed. Charts live in
:mod:`reports.charts`.
"""

import datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import reportlab
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from core.translation import language_name
from reports import rtl
from reports.snapshot import original_languages

FONT = "ReportSans"
FONT_BOLD = "ReportSans-Bold"
FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
INK = colors.HexColor("#1d2b3a")
ACCENT = colors.HexColor("#b3202a")
MUTED = colors.HexColor("#5b6773")
RULE = colors.HexColor("#c9d1d9")
ZEBRA = colors.HexColor("#f3f5f7")
SERIES = [colors.HexColor(c) for c in ("#1f5f99", "#b3202a", "#4d8f3a", "#d38b1d", "#6b4c9a",
                                       "#2f8f8f", "#8c564b")]
HIDDEN = "•"


def register_fonts():
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont("ReportSans-Italic", str(FONT_DIR / "VeraIt.ttf")))
    pdfmetrics.registerFont(TTFont("ReportSans-BoldItalic", str(FONT_DIR / "VeraBI.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD,
                                  italic="ReportSans-Italic", boldItalic="ReportSans-BoldItalic")


register_fonts()

STYLES = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=22, leading=28,
                            textColor=INK, spaceAfter=8),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=13, leading=18,
                               textColor=MUTED, spaceAfter=4),
    "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=15, leading=20, textColor=INK,
                         spaceBefore=10, spaceAfter=6, keepWithNext=1),
    "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5, leading=15, textColor=INK,
                         spaceBefore=8, spaceAfter=4, keepWithNext=1),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK,
                           spaceAfter=4),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=8, leading=10.5, textColor=MUTED,
                           spaceAfter=4),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5, textColor=INK),
    "cell_right": ParagraphStyle("cell_right", fontName=FONT, fontSize=8.5, leading=10.5,
                                 textColor=INK, alignment=TA_RIGHT),
    "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8, leading=10,
                           textColor=colors.white),
}


def para(markup, style, bulletText=None):  # noqa: N803 (reportlab's name)
    """A paragraph of ``markup`` in ``style``: reportlab's own, or a right-to-left one
    (:mod:`reports.rtl`) when the report is in a right-to-left language."""
    if rtl.is_rtl():
        return rtl.RtlParagraph(f"{bulletText} {markup}" if bulletText else markup, style)
    return Paragraph(markup, style, bulletText=bulletText)


# -- formats ---------------------------------------------------------------------------

def _turkish():
    return (get_language() or "tr").startswith("tr")


def num(value, decimals=0):
    """``3.751`` / ``3.751,5`` in Turkish, ``3,751`` in English; "–" for no value."""
    if value is None or value == "":
        return "–"
    value = Decimal(str(value))
    if decimals == 0:
        value = value.quantize(Decimal(1))
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if rtl.is_rtl():
        # Persian separators (Django's fa formats use the Latin comma and point).
        text = text.translate(rtl.PERSIAN_SEPARATORS)
    return text


def median(value):
    """A median of whole-number scores: ``3`` or ``2,5``."""
    if value is None:
        return "–"
    return num(value, 0 if float(value).is_integer() else 1)


def pct(value):
    """``%62`` in Turkish, ``62%`` in English, ``۶۲٪`` in Persian; "–" for no value."""
    if value is None:
        return "–"
    text = num(value)
    if rtl.is_rtl():
        return f"{text}٪"
    return f"%{text}" if _turkish() else f"{text}%"


def share(part, whole):
    return None if not whole else round(100 * part / whole)


def date(value):
    """``23.11.2026`` (both languages read day.month.year in this programme)."""
    if not value:
        return "–"
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    if rtl.is_rtl():
        return rtl.solar_hijri(value)
    return value.strftime("%d.%m.%Y")


def datetime_text(value):
    """``23.11.2026 20:52`` in the site's time zone (Europe/Istanbul)."""
    if not value:
        return "–"
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    value = timezone.localtime(value)
    if rtl.is_rtl():
        return f"{rtl.solar_hijri(value.date())} {value:%H:%M}"
    return value.strftime("%d.%m.%Y %H:%M")


def text(value):
    """A value as cell text, never the literal "None". Content that fell back to another
    language is printed as it is: the cover says once which languages such texts are in
    (:func:`originals_note`)."""
    return "–" if value is None or value == "" else str(value)


def escape(value):
    return (text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


# -- document ----------------------------------------------------------------------------

class NumberedCanvas(pdf_canvas.Canvas):
    """Draws the footer once the page count is known, so it can say "page x of y"."""

    footer_left = ""
    watermark = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        self.page_count = total
        super().save()

    def _decorate(self, total):
        width, _height = A4
        self.saveState()
        right_to_left = rtl.is_rtl()
        if self.watermark:
            self.setFont(rtl.RTL_FONT if right_to_left else FONT_BOLD, 90)
            self.setFillColor(colors.Color(0.7, 0.1, 0.1, alpha=0.12))
            self.translate(width / 2, A4[1] / 2)
            self.rotate(45)
            self.drawCentredString(
                0, 0, rtl.visual(self.watermark) if right_to_left else self.watermark)
            self.rotate(-45)
            self.translate(-width / 2, -A4[1] / 2)
        self.setStrokeColor(RULE)
        self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
        self.setFillColor(MUTED)
        page = gettext("Page %(page)d of %(total)d") % {"page": self._pageNumber,
                                                         "total": total}
        if right_to_left:
            # Mirrored: the programme and period at the right, the page number at the left.
            self.setFont(rtl.RTL_FONT, 7.5)
            self.drawRightString(width - 18 * mm, 9.5 * mm, rtl.visual(self.footer_left))
            self.drawString(18 * mm, 9.5 * mm, rtl.visual(page))
        else:
            self.setFont(FONT, 7.5)
            self.drawString(18 * mm, 9.5 * mm, self.footer_left)
            self.drawRightString(width - 18 * mm, 9.5 * mm, page)
        self.restoreState()


def issue_stamp(issued_at):
    """ReportLab's document time stamp fixed at ``issued_at`` (ISO text): the PDF's
    creation and modification dates say when the report was issued, and drawing the same
    snapshot again gives the same bytes."""
    stamp = TimeStamp(invariant=1)
    moment = datetime.datetime.fromisoformat(issued_at).astimezone(datetime.UTC)
    stamp.t = moment.timestamp()
    stamp.lt = moment.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


def build_pdf(out, story, *, title, snapshot):
    """Lay ``story`` out on A4 pages into the binary file ``out``; returns the page count.
    The document's metadata come from ``snapshot``: title, author (the programme),
    language, and creation date (the issue time)."""
    canvas_class = type("ReportCanvas", (NumberedCanvas,), {
        "footer_left": footer_text(snapshot),
        "watermark": gettext("DRAFT") if snapshot["draft"] else ""})
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
        bottomMargin=20 * mm, title=title, creator="reportlab",
        author=snapshot.get("programme_name", snapshot["programme"]),
        subject=snapshot.get("period", ""), lang=snapshot.get("language", "tr"), invariant=1)
    counter = {}
    stamp = issue_stamp(snapshot["issued_at"])

    class CountingCanvas(canvas_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = stamp

        def save(self):
            super().save()
            counter["pages"] = self.page_count

    document.build(story, canvasmaker=CountingCanvas)
    return counter["pages"]


def footer_text(snapshot):
    return gettext("%(programme)s · period %(period)s · issued %(issued)s") % {
        "programme": snapshot["programme"], "period": snapshot["period"],
        "issued": datetime_text(snapshot["issued_at"])}


def cover(snapshot, heading, extra_lines=()):
    """The first page: report name, programme, period and the issue date."""
    story = [Spacer(1, 40 * mm), para(escape(heading), STYLES["title"]),
             para(escape(snapshot["programme"]), STYLES["subtitle"])]
    for line in extra_lines:
        story.append(para(escape(line), STYLES["subtitle"]))
    story += [
        Spacer(1, 10 * mm),
        para(gettext("Reporting period: %(period)s (%(start)s – %(end)s)") % {
            "period": escape(snapshot["period"]), "start": date(snapshot["period_start"]),
            "end": date(snapshot["period_end"])}, STYLES["body"]),
        para(gettext("Issued: %(when)s") % {"when": datetime_text(snapshot["issued_at"])},
                  STYLES["body"]),
    ]
    if snapshot.get("draft"):
        story.append(para(gettext(
            "Draft preview for an open period: the figures may still change."), STYLES["note"]))
    else:
        story.append(para(gettext("Version %(version)s") % {"version": snapshot["version"]},
                               STYLES["body"]))
    note = originals_note(snapshot)
    if note:
        story.append(paragraph(note, "note"))
    changes = snapshot.get("changes_since")
    if changes and not changes["changes"]:
        story.append(paragraph(gettext(
            "No figure differs from version %(version)s, issued %(when)s.") % {
            "version": changes["version"], "when": datetime_text(changes["issued_at"])}))
    story.append(PageBreak())
    if changes and changes["changes"]:
        story += changes_since_page(changes)
    return story


def originals_note(snapshot):
    """The report's one word on texts with no translation in its language: "Texts with no
    English translation are shown in their original language (Turkish)." Printed on the
    cover, before any of them, rather than after each one: a table of untranslated titles
    stays readable and its columns narrow, and no reader meets such a text unexplained,
    wherever they open the report. ``None`` when every text is in the report's language."""
    languages = original_languages(snapshot)
    if not languages:
        return None
    return gettext("Texts with no %(language)s translation are shown in their original "
                   "language (%(originals)s).") % {
        "language": language_name(snapshot.get("language", "tr")),
        "originals": ", ".join(str(language_name(code)) for code in languages)}


def changes_since_page(changes):
    """Right after the cover of a re-issued version: every figure that differs from the
    previous version, and the rows recorded since then that are dated in the period."""
    story = [heading(gettext("Changes since version %(version)s") % {
        "version": changes["version"]})]
    story += table([gettext("Figure"), gettext("Old"), gettext("New")],
                   [[row["figure"], _plain(row["old"]), _plain(row["new"])]
                    for row in changes["changes"]])
    story.append(heading(gettext("Rows recorded since then, dated in the period"), "h2"))
    story += table([gettext("Row"), gettext("Recorded by"), gettext("Recorded")],
                   [[row["row"], row["who"] or "–", datetime_text(row["when"])]
                    for row in changes["sources"]])
    story.append(PageBreak())
    return story


def _plain(value):
    if value is None:
        return "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float):
        return num(value, 0 if float(value).is_integer() else 2)
    return str(value)


class _RichTextBlocks(HTMLParser):
    """Wagtail rich text (paragraphs, h2, lists, bold, italic, links) as blocks of
    ReportLab paragraph markup: ``[{"style": "body" | "h2" | "bullet", "text": …}]``."""

    BLOCKS = {"p": "body", "h2": "h2", "h3": "h2", "li": "bullet"}
    INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.style, self.parts = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._close()
            self.style = self.BLOCKS[tag]
        elif tag in self.INLINE:
            self.parts.append(f"<{self.INLINE[tag]}>")
        elif tag == "br":
            self.parts.append("<br/>")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._close()
        elif tag in self.INLINE:
            self.parts.append(f"</{self.INLINE[tag]}>")

    def handle_data(self, data):
        self.parts.append(escape(data))

    def _close(self):
        text = "".join(self.parts).strip()
        if text:
            self.blocks.append({"style": self.style or "body", "text": text})
        self.style, self.parts = None, []

    def close(self):
        super().close()
        self._close()


def rich_text_blocks(html):
    """The blocks of a rich-text field, ready to store in a snapshot."""
    parser = _RichTextBlocks()
    parser.feed(html or "")
    parser.close()
    return parser.blocks


def rich_text(blocks):
    """Flowables of :func:`rich_text_blocks`' blocks."""
    story = []
    for block in blocks:
        if block["style"] == "bullet":
            story.append(para(block["text"], STYLES["body"], bulletText="•"))
        else:
            story.append(para(block["text"], STYLES[block["style"]]))
    return story


def heading(value, level="h1"):
    return para(escape(value), STYLES[level])


def paragraph(value, style="body"):
    return para(escape(value), STYLES[style])


def table(header, rows, numeric=(), note=None, head_size=None):
    """A table that splits across pages and repeats its header; ``numeric`` names the
    column indexes set flush right. Rows are lists of already formatted text. A table of
    many narrow columns passes a smaller ``head_size`` so headings break between words."""
    head_style = STYLES["head"]
    if head_size:
        head_style = ParagraphStyle("head_small", parent=head_style, fontSize=head_size,
                                    leading=head_size + 1.5)

    head_right = ParagraphStyle("head_right", parent=head_style, alignment=TA_RIGHT)
    if rtl.is_rtl():
        # Right to left, the first column is the rightmost one.
        header, rows = rtl.mirrored(header), [rtl.mirrored(row) for row in rows]
        numeric = [len(header) - 1 - index for index in numeric]

    def cell(value, index, head=False):
        if isinstance(value, Drawing):
            return value
        if head:
            return para(escape(value), head_right if index in numeric else head_style)
        return para(escape(value), STYLES["cell_right" if index in numeric else "cell"])

    data = [[cell(value, i, head=True) for i, value in enumerate(header)]]
    data += [[cell(value, i) for i, value in enumerate(row)] for row in rows]
    style = []
    if len(data) == 1:
        # The note runs across the whole row, so it never narrows a column.
        data.append([cell(gettext("Nothing to show for this period."), 0)]
                    + [cell("", i) for i in range(1, len(header))])
        style.append(("SPAN", (0, 1), (-1, 1)))
    total_width = 174 * mm
    measured = [header, *rows]
    result = LongTable(data, colWidths=column_widths(measured, total_width, head_style),
                       repeatRows=1)
    style += [
        ("BACKGROUND", (0, 0), (-1, 0), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(data), 2)]
    result.setStyle(TableStyle(style))
    parts = [result]
    if note:
        parts.append(para(escape(note), STYLES["note"]))
    parts.append(Spacer(1, 4 * mm))
    return parts


CELL_PADDING = 13  # points: the table's left and right cell padding, with a margin


def _text_width(text, style):
    if rtl.is_rtl():
        return rtl.width(text, style.fontSize)
    return stringWidth(text, style.fontName, style.fontSize)


def column_widths(rows, total, head_style):
    """Column widths from the content, measured with ``stringWidth``: no column is
    narrower than its longest word (so no word is split inside a cell), and the room
    left is shared out in proportion to how much more each column's longest text wants.
    The first row is the header."""
    cell_style = STYLES["cell"]
    count = max(len(row) for row in rows)
    least, wanted = [CELL_PADDING] * count, [CELL_PADDING] * count
    for index, row in enumerate(rows):
        style = head_style if index == 0 else cell_style
        for column, value in enumerate(row):
            if isinstance(value, Drawing):
                least[column] = max(least[column], value.width + CELL_PADDING)
                wanted[column] = max(wanted[column], value.width + CELL_PADDING)
                continue
            text = str(value or "")
            longest_word = max((_text_width(word, style) for word in text.split()), default=0)
            least[column] = max(least[column], longest_word + CELL_PADDING)
            wanted[column] = max(wanted[column], _text_width(text, style) + CELL_PADDING)
    if sum(least) >= total:
        return [total * width / sum(least) for width in least]
    if sum(wanted) <= total:
        return [total * width / sum(wanted) for width in wanted]
    spare = total - sum(least)
    extra = [want - low for want, low in zip(wanted, least, strict=True)]
    return [low + spare * more / sum(extra) for low, more in zip(least, extra, strict=True)]


def protected(value, formatter=num):
    """A disclosure-protected value as text: the hidden mark when suppressed."""
    return HIDDEN if value is None else formatter(value)


def disclosure_note():
    return gettext("%(mark)s hidden: the figure rests on fewer than 5 firms, is dominated by "
                   "one or two firms, or would let a hidden figure be recomputed from the "
                   "totals.") % {"mark": HIDDEN}
