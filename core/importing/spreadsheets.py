"""Spreadsheet exports of admin listings, written for Turkish Excel and safe to open.

Every CSV the admin writes starts with a UTF-8 BOM, separates with ``;`` (what Turkish
Excel expects, since the comma is its decimal mark) and neutralises cells that a
spreadsheet would run as a formula. Choice codes, booleans and empty values reach the
file as the labels a person reads.
"""

import csv
import datetime
import unicodedata
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

from core.formats import local_date
from core.importing.cells import neutralise_formula

BOM = "\ufeff".encode()
CSV_DELIMITER = ";"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_text(value):
    """A listing value as the text of a CSV cell for a person."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return local_date(value)
    if isinstance(value, (Decimal, float)) and (get_language() or "tr").startswith("tr"):
        return str(value).replace(".", ",")
    return str(value)


def _display_value(item, path):
    """The value at dotted ``path`` of ``item``, with a choice field's label."""
    *parents, last = path.split(".")
    owner = item
    for name in parents:
        owner = getattr(owner, name, None)
        if owner is None:
            return None
    if isinstance(owner, models.Model):
        try:
            field = owner._meta.get_field(last)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.choices and not field.is_relation:
            return getattr(owner, f"get_{last}_display")()
    value = getattr(owner, last, None)
    return value() if callable(value) and not isinstance(value, models.Manager) else value


class SafeSpreadsheetExportMixin:
    """For Wagtail index views: labels instead of codes, and Yes/No for booleans. The CSV
    rules (BOM, ``;``, no "None", neutralised formulas) hold for every admin CSV through
    :func:`install_safe_csv`."""

    def to_row_dict(self, item):
        return {field: _display_value(item, field) for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_XLSX and isinstance(value, bool):
            return _("Yes") if value else _("No")
        return super().preprocess_field_value(field, value, export_format)


def csv_dialect(language=None):
    """``(separator, decimal mark)`` of a reader's language: ``;`` and ``,`` in Turkish
    (the comma is Turkish Excel's decimal mark), ``,`` and ``.`` otherwise."""
    turkish = (language or get_language() or "tr").startswith("tr")
    return (";", ",") if turkish else (",", ".")


def plain_number(value, decimal_mark="."):
    """``3751`` for 3751.00, ``241,07`` or ``241.07`` for 241.07: no grouping, no exponent;
    "" for none."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    number = number.normalize()
    text = str(int(number)) if number == number.to_integral_value() else format(number, "f")
    return text.replace(".", decimal_mark)


def unique_headers(headers):
    """Header names made unique (a second "Value" becomes "Value (2)"), so a reader's
    program never merges two columns."""
    seen, result = {}, []
    for header in map(str, headers):
        seen[header] = seen.get(header, 0) + 1
        result.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return result


def content_disposition(filename):
    """An attachment header that keeps non-ASCII letters (RFC 6266 ``filename*``), with an
    ASCII fallback for old clients."""
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = fallback.replace('"', "").replace("\\", "") or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def public_csv_response(headers, rows, filename, language=None):
    """A public download in the reader's dialect (:func:`csv_dialect`): UTF-8 with a BOM,
    unique header names, numbers with the language's decimal mark, formula cells
    neutralised, and the file name with its Turkish letters."""
    separator, decimal_mark = csv_dialect(language)
    body = b"".join(write_csv(unique_headers(headers), rows, delimiter=separator,
                              number_text=lambda value: plain_number(value, decimal_mark)))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    return response


def write_csv(headers, rows, delimiter=CSV_DELIMITER, number_text=None):
    """Yield the bytes of a CSV with a BOM, ``delimiter`` (``;`` for the admin) and
    neutralised cells; ``number_text`` writes numbers (a number is never a formula)."""
    writer = csv.writer(Echo(), delimiter=delimiter)
    yield BOM + writer.writerow([neutralise_formula(header) for header in headers])
    for row in rows:
        yield writer.writerow([_csv_cell(value, number_text) for value in row])


def _csv_cell(value, number_text):
    if (number_text is not None and isinstance(value, (int, float, Decimal))
            and not isinstance(value, bool)):
        return number_text(value)
    return neutralise_formula(csv_text(value) if not isinstance(value, str) else value)


def write_xlsx(headers, rows, sheet_title, output):
    """An XLSX workbook with one named sheet and typed cells (dates as dates, numbers as
    numbers); text is stored as text, never as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if cell.data_type == "f":
                cell.data_type = "s"
            if isinstance(value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(output)


def _sheet_title(title):
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(title))
    return cleaned.strip()[:31] or "Sheet1"


def csv_response(headers, rows, filename):
    response = StreamingHttpResponse(write_csv(headers, rows), content_type="text/csv")
    response["Content-Disposition"] = content_disposition(f"{filename}.csv")
    return response


def xlsx_response(headers, rows, sheet_title, filename):
    output = BytesIO()
    write_xlsx(headers, rows, sheet_title, output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, content_type=XLSX_TYPE,
                        filename=f"{filename}.xlsx")


def _safe_write_csv_row(self, writer, row_dict):
    return writer.writerow({
        field: neutralise_formula(csv_text(self.preprocess_field_value(
            field, value, self.FORMAT_CSV)))
        for field, value in row_dict.items()})


def _safe_stream_csv(self, queryset):
    writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
    yield BOM + writer.writerow(
        {field: neutralise_formula(self.get_heading(queryset, field))
         for field in self.list_export})
    for item in queryset:
        yield self.write_csv_row(writer, self.to_row_dict(item))


def install_safe_csv():
    """Every CSV the admin writes follows the rules above, Wagtail's own reports included
    (site history, page reports, the coverage report): a BOM and ``;`` for Turkish Excel,
    no ``None``, and formula cells neutralised. Wagtail has no setting or hook for its
    reports' CSV, so its export mixin gets these two methods at start-up; views that mix
    in :class:`SafeSpreadsheetExportMixin` already have them."""
    SpreadsheetExportMixin.write_csv_row = _safe_write_csv_row
    SpreadsheetExportMixin.stream_csv = _safe_stream_csv
