"""Spreadsheet exports of admin listings, written for Turkish Excel and safe to open.

Every CSV the admin writes starts with a UTF-8 BOM, separates with ``;`` (what Turkish
Excel expects, since the comma is its decimal mark) and neutralises cells that a
spreadsheet would run as a formula. Choice codes, booleans and empty values reach the
file as the labels a person reads.
"""

import csv
import datetime
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import FileResponse, StreamingHttpResponse
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


def write_csv(headers, rows):
    """Yield the bytes of a CSV with a BOM, ``;`` separators and neutralised cells."""
    writer = csv.writer(Echo(), delimiter=CSV_DELIMITER)
    yield BOM + writer.writerow([neutralise_formula(header) for header in headers])
    for row in rows:
        yield writer.writerow([neutralise_formula(csv_text(value) if not isinstance(value, str)
                                                  else value) for value in row])


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
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
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
