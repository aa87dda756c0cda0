"""Charts in report PDFs, drawn as vectors: grouped bar charts, the visit burn-up line, a
firm's percentile track and the light grouped bars of the feedback reports. Fonts, colours
and number formats come from :mod:`reports.pdf`."""

from django.utils.translation import gettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from reports import rtl
from reports.pdf import ACCENT, FONT, FONT_BOLD, INK, MUTED, RULE, SERIES, date, num


def _font(bold=False):
    if rtl.is_rtl():
        return rtl.RTL_FONT
    return FONT_BOLD if bold else FONT


def _label(text):
    """Text as a chart draws it: shaped and in visual order when right to left."""
    return rtl.visual(text) if rtl.is_rtl() else text


def _label_lines(text, room, size=7):
    """A category label broken between words into lines no wider than ``room`` points,
    each shaped as drawn, joined by newlines (the axis draws them as one block): a long
    pillar name is shown whole instead of cut inside a word."""
    lines = []
    for word in str(text).split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _width(candidate, size) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(_label(line) for line in lines)


def _width(text, size):
    if rtl.is_rtl():
        return rtl.width(text, size)
    return stringWidth(text, FONT, size)


def _title(drawing, title, width, height):
    """The chart's title above it, at the start of the reading direction."""
    if rtl.is_rtl():
        drawing.add(String(width, height * mm - 6 * mm, _label(title), fontName=_font(True),
                           fontSize=9, fillColor=INK, textAnchor="end"))
    else:
        drawing.add(String(0, height * mm - 6 * mm, title, fontName=_font(True), fontSize=9,
                           fillColor=INK))


def _mirror(chart, horizontal, width):
    """Right to left: vertical bars run from the right, horizontal bars grow leftwards from
    an axis on the right with their labels beyond it."""
    if horizontal:
        chart.x = 6 * mm
        chart.width = width - 51 * mm
        chart.valueAxis.reverseDirection = 1
        chart.categoryAxis.joinAxisMode = "right"
        chart.categoryAxis.labels.boxAnchor = "w"
        chart.categoryAxis.labels.dx = 4
    else:
        chart.categoryAxis.reverseDirection = 1
        chart.valueAxis.joinAxisMode = "right"
        chart.valueAxis.labels.boxAnchor = "w"
        chart.valueAxis.labels.dx = 4
        chart.x = 6 * mm
        chart.width = width - 20 * mm


def _chart_labels(axis):
    axis.labels.fontName = _font()
    axis.labels.fontSize = 7
    axis.labels.fillColor = INK


HORIZONTAL_LABEL_ROOM = 41 * mm


def bar_chart(categories, series, *, title, series_names=(), horizontal=False, height=70):
    """A grouped bar chart (vector) of ``series`` (lists of numbers, ``None`` as 0)."""
    width = 174 * mm
    drawing = Drawing(width, height * mm)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (45 * mm, 8 * mm) if horizontal else (14 * mm, 22 * mm)
    chart.width = width - chart.x - 6 * mm
    chart.height = height * mm - chart.y - (LEGEND_ROOM if series_names else 12 * mm)
    chart.data = [[value or 0 for value in values] for values in series] or [[0]]
    if horizontal:
        # The labels sit in the room left of the bars (right of them in Persian).
        names = [_label_lines(c, HORIZONTAL_LABEL_ROOM) for c in categories]
    else:
        names = [_label(str(c)[:40]) for c in categories]
    chart.categoryAxis.categoryNames = names or [""]
    _chart_labels(chart.categoryAxis)
    _chart_labels(chart.valueAxis)
    if not horizontal:
        chart.categoryAxis.labels.angle = 30 if len(categories) > 5 else 0
        chart.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 5 else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda value: _label(num(value))
    if rtl.is_rtl():
        _mirror(chart, horizontal, width)
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = SERIES[index % len(SERIES)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    _title(drawing, title, width, height)
    if series_names:
        _legend(drawing, series_names, width, height)
    return KeepTogether([drawing, Spacer(1, 3 * mm)])


def percentile_bar(percentile, width=32 * mm):
    """Where a firm stands in its comparison group: a track from 0 to 100 with its
    quartiles marked and a dot at ``percentile``; "–" as text when not shown."""
    if percentile is None:
        return "–"
    height = 3.2 * mm
    drawing = Drawing(width, height)
    drawing.add(Rect(0, height / 2 - 1, width, 2, fillColor=RULE, strokeColor=None))
    for quartile in (0.25, 0.5, 0.75):
        drawing.add(Line(width * quartile, 0.6, width * quartile, height - 0.6,
                         strokeColor=MUTED, strokeWidth=0.4))
    reached = width * percentile / 100
    # Right to left, the track starts at the right.
    start, dot = (width - reached, width - reached) if rtl.is_rtl() else (0, reached)
    drawing.add(Rect(start, height / 2 - 1, reached, 2, fillColor=SERIES[0],
                     strokeColor=None))
    drawing.add(Circle(dot, height / 2, 2.6, fillColor=SERIES[0],
                       strokeColor=colors.white, strokeWidth=0.6))
    return drawing


def grouped_bars(categories, series, *, title, series_names, maximum, height=62):
    """Grouped bars drawn from plain shapes: for small fixed scales (scores 1–5) this says
    the same as a chart widget at a fraction of the drawing cost, which counts when
    hundreds of feedback reports go out at once. ``None`` values leave a gap."""
    width = 174 * mm
    drawing = Drawing(width, height * mm)
    left, bottom = 10 * mm, 16 * mm
    plot_width, plot_height = width - left - 2 * mm, height * mm - bottom - LEGEND_ROOM
    _title(drawing, title, width, height)
    for step in range(maximum + 1):
        y = bottom + plot_height * step / maximum
        drawing.add(Line(left, y, left + plot_width, y, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(String(left - 2 * mm, y - 2.5, _label(num(step)), fontName=_font(),
                           fontSize=7, fillColor=MUTED, textAnchor="end"))
    slot = plot_width / max(1, len(categories))
    bar = slot * 0.8 / max(1, len(series))
    for index, category in enumerate(categories):
        x = left + index * slot + slot * 0.1
        for number, values in enumerate(series):
            value = values[index]
            if value:
                drawing.add(Rect(x + number * bar, bottom, bar * 0.92,
                                 plot_height * value / maximum, strokeColor=None,
                                 fillColor=SERIES[number % len(SERIES)]))
        for line, part in enumerate(_two_lines(category)):
            drawing.add(String(left + index * slot + slot / 2, bottom - (4 + 3 * line) * mm,
                               _label(part), fontName=_font(), fontSize=6.5, fillColor=INK,
                               textAnchor="middle"))
    for number, name in enumerate(series_names):
        x = left + number * 55 * mm
        drawing.add(Rect(x, height * mm - 12 * mm, 3 * mm, 3 * mm, strokeColor=None,
                         fillColor=SERIES[number % len(SERIES)]))
        drawing.add(String(x + 4.5 * mm, height * mm - 11.6 * mm, _label(name), fontName=_font(),
                           fontSize=7.5, fillColor=INK))
    return KeepTogether([drawing, Spacer(1, 3 * mm)])


def _two_lines(label):
    words = str(label).split()
    if len(words) < 2:
        return [str(label)]
    middle = (len(words) + 1) // 2
    return [" ".join(words[:middle]), " ".join(words[middle:])]


LEGEND_ROOM = 17 * mm


def _legend(drawing, names, width, height):
    legend = Legend()
    # Under the title's line, never over it; charts leave ``LEGEND_ROOM`` above them.
    legend.x, legend.y = width - 4 * mm, height * mm - 9 * mm
    legend.alignment = "right"
    legend.boxAnchor = "ne"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.fontName = _font()
    legend.fontSize = 7
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], _label(name))
                             for i, name in enumerate(names)]
    drawing.add(legend)


def burn_up_chart(points, target, *, title, height=70):
    """Cumulative completed visits per week against the flat visit target."""
    width = 174 * mm
    drawing = Drawing(width, height * mm)
    plot = LinePlot()
    plot.x, plot.y = 14 * mm, 12 * mm
    plot.width = width - 22 * mm
    plot.height = height * mm - plot.y - LEGEND_ROOM
    xs = list(range(len(points))) or [0]
    done = [(x, value) for x, value in zip(xs, [p["cumulative"] for p in points], strict=False)]
    plot.data = [done or [(0, 0)], [(xs[0], target), (xs[-1] if len(xs) > 1 else 1, target)]]
    plot.lines[0].strokeColor = SERIES[0]
    plot.lines[0].strokeWidth = 1.6
    plot.lines[1].strokeColor = ACCENT
    plot.lines[1].strokeDashArray = (3, 2)
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max([target] + [p["cumulative"] for p in points]) * 1.1 or 1
    plot.yValueAxis.labelTextFormat = lambda value: _label(num(value))
    # Time runs left to right in Persian charts too; only the labels are shaped.
    labels = [_label(date(p["week"])) for p in points]
    step = max(1, len(labels) // 8)
    plot.xValueAxis.valueSteps = xs[::step]
    plot.xValueAxis.labelTextFormat = lambda value: labels[int(value)] if 0 <= int(value) < len(
        labels) else ""
    _chart_labels(plot.xValueAxis)
    _chart_labels(plot.yValueAxis)
    drawing.add(plot)
    _title(drawing, title, width, height)
    _legend(drawing, [gettext("Approved visits (cumulative)"), gettext("Visit target")],
            width, height)
    drawing.contents[-1].colorNamePairs = [
        (SERIES[0], _label(gettext("Approved visits (cumulative)"))),
        (ACCENT, _label(gettext("Visit target")))]
    return KeepTogether([drawing, Spacer(1, 3 * mm)])
